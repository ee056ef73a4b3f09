using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Estuary.Testing;

/// <summary>
/// Runs generated modules in the test process, the way a host would, with every channel their
/// asynchronous endpoints use declared in memory, a fake clock, and every message recorded:
/// <code>
/// await using var flow = EstuaryTestHost.Create&lt;ShopModule&gt;(services: s => s.AddSingleton&lt;IMailer, FakeMailer&gt;());
/// await flow.Commands.SendAsync(new PlaceOrder(id));
/// Assert.Equal([new OrderPlaced(id)], flow.Recorded.Events);
/// await flow.RunAsync("fulfilment");
/// </code>
/// No consumer runs in the background: a message on a channel is handled when the test calls
/// <see cref="RunAsync"/>, and a delayed one once the test moves <see cref="Time"/> past its delay.
/// </summary>
public sealed class EstuaryTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly EstuaryConsumers _consumers;

    private EstuaryTestHost(ServiceProvider provider, FakeTimeProvider time, RecordedTraffic recorded)
    {
        _provider = provider;
        Time = time;
        Recorded = recorded;

        // Resolved now, so a host that cannot be composed fails in Create rather than at the first send.
        Commands = provider.GetRequiredService<ICommandBus>();
        Queries = provider.GetRequiredService<IQueryBus>();
        Events = provider.GetRequiredService<IEventBus>();
        DeadLetters = provider.GetRequiredService<DeadLetters>();
        _consumers = provider.GetRequiredService<EstuaryConsumers>();
    }

    /// <summary>Sends commands; the typed <c>SendAsync</c> overloads generated for the modules' commands apply.</summary>
    public ICommandBus Commands { get; }

    /// <summary>Sends queries; the typed <c>SendAsync</c> overloads generated for the modules' queries apply.</summary>
    public IQueryBus Queries { get; }

    /// <summary>Publishes events.</summary>
    public IEventBus Events { get; }

    /// <summary>Everything sent through the buses and to the recorded channels since the host was created or last cleared.</summary>
    public RecordedTraffic Recorded { get; }

    /// <summary>
    /// The host's clock, registered as its <see cref="TimeProvider"/>: delays, time to live and delayed
    /// retries are measured on it. It moves only when the test advances it.
    /// </summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The host's dead letter: messages whose retries ran out, or whose input was unusable.</summary>
    public DeadLetters DeadLetters { get; }

    /// <summary>The host's root service provider. Scoped services cannot be resolved from it.</summary>
    public IServiceProvider Services => _provider;

    /// <summary>
    /// Boots a host composed by <paramref name="configure"/> (<c>estuary => estuary.AddModule&lt;ShopModule&gt;()</c>);
    /// every channel its modules' asynchronous endpoints name that the callback does not declare becomes
    /// a recorded in-memory channel.
    /// </summary>
    public static EstuaryTestHost Create(Action<EstuaryBuilder> configure, Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Create([], configure, services);
    }

    /// <summary>
    /// Creates a host composing <typeparamref name="TModule"/>, with an in-memory, recorded channel for
    /// every channel its asynchronous endpoints use and that <paramref name="configure"/> does not declare.
    /// </summary>
    /// <param name="configure">Declares channels the test wants real or configured (<c>AddPostgresChannel</c>, <see cref="EstuaryBuilderTestingExtensions.AddRecordedChannel"/>) and sets options.</param>
    /// <param name="services">Registers the services the handlers need, fakes included.</param>
    public static EstuaryTestHost Create<TModule>(Action<EstuaryBuilder>? configure = null, Action<IServiceCollection>? services = null)
        where TModule : EstuaryModule, new() => Create([new TModule()], configure, services);

    /// <summary>
    /// Creates a host composing <paramref name="modules"/>, in order, with an in-memory, recorded channel
    /// for every channel their asynchronous endpoints use and that <paramref name="configure"/> does not declare.
    /// </summary>
    /// <param name="modules">The generated modules to compose. Channels are declared only for these: give every module here rather than adding it in <paramref name="configure"/>.</param>
    /// <param name="configure">Declares channels the test wants real or configured (<c>AddPostgresChannel</c>, <see cref="EstuaryBuilderTestingExtensions.AddRecordedChannel"/>) and sets options.</param>
    /// <param name="services">Registers the services the handlers need, fakes included. A <see cref="TimeProvider"/> registered here is replaced by <see cref="Time"/>.</param>
    public static EstuaryTestHost Create(IEnumerable<EstuaryModule> modules, Action<EstuaryBuilder>? configure = null, Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(modules);
        var composed = modules.ToArray();
        if (Array.IndexOf(composed, null) >= 0)
        {
            throw new ArgumentException("A module given to EstuaryTestHost.Create is null.", nameof(modules));
        }

        var time = new FakeTimeProvider();
        var recorded = new RecordedTraffic();
        var collection = new ServiceCollection();
        services?.Invoke(collection);

        // Registered after the test's services so the host's clock is the one the test advances, and
        // before AddEstuary so the core's TryAdd of its own buses leaves the recording bus in place.
        collection.RemoveAll<TimeProvider>();
        collection.AddSingleton<TimeProvider>(time);
        collection.AddSingleton(time);
        collection.AddSingleton(recorded);
        collection.AddSingleton(static provider => new RecordingBus(provider.GetRequiredService<EstuaryRuntime>(), provider.GetRequiredService<RecordedTraffic>()));
        collection.AddSingleton<ICommandBus>(static provider => provider.GetRequiredService<RecordingBus>());
        collection.AddSingleton<IQueryBus>(static provider => provider.GetRequiredService<RecordingBus>());
        collection.AddSingleton<IEventBus>(static provider => provider.GetRequiredService<RecordingBus>());

        collection.AddEstuary(estuary =>
        {
            foreach (var module in composed)
            {
                estuary.AddModule(module);
            }

            configure?.Invoke(estuary);
            DeclareMissingChannels(estuary, recorded);
        });

        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        try
        {
            return new EstuaryTestHost(provider, time, recorded);
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    /// <summary>Resolves a service from the host (<c>GetRequiredService</c>).</summary>
    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>
    /// The stored state of the aggregate instance <paramref name="id"/> (the identifier's text, as
    /// stored: a Guid in <c>D</c> format), or <see langword="null"/> when it does not exist. An
    /// event-sourced aggregate is rebuilt from its stream.
    /// </summary>
    public async Task<TAggregate?> AggregateAsync<TAggregate>(object id, CancellationToken cancellationToken = default)
        where TAggregate : class
    {
        var text = AggregateRuntime.Id(id, typeof(TAggregate).Name, "id");
        if (_provider.GetService<EventSourcedRepository<TAggregate>>() is { } eventSourced)
        {
            return (await eventSourced.LoadAsync(text, cancellationToken).ConfigureAwait(false))?.Aggregate;
        }

        return (await Get<IAggregateRepository<TAggregate>>().FindAsync(text, cancellationToken).ConfigureAwait(false))?.Document;
    }

    /// <summary>
    /// Appends <paramref name="events"/> to the stream of the event-sourced instance
    /// <paramref name="id"/> as the history the test starts from: applied and stored (with a snapshot
    /// when one is due) as a handler would store them, but not published, so no handler reacts and
    /// <see cref="Recorded"/> does not show them. Appends after the stream's events, if it has some.
    /// </summary>
    public async Task GivenStreamAsync<TAggregate>(object id, params object[] events)
        where TAggregate : class
    {
        ArgumentNullException.ThrowIfNull(events);
        var repository = Get<EventSourcedRepository<TAggregate>>();
        var text = AggregateRuntime.Id(id, typeof(TAggregate).Name, "id");
        var loaded = await repository.LoadAsync(text, CancellationToken.None).ConfigureAwait(false);
        await repository.AppendAsync(text, loaded?.Aggregate ?? repository.Definition.Create(), events, loaded?.Version ?? 0, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// The events stored in the stream of the event-sourced instance <paramref name="id"/>, oldest
    /// first, as the objects handlers returned (upcast to their current revisions); empty when the
    /// instance has no stream.
    /// </summary>
    public async Task<IReadOnlyList<object>> StreamAsync<TAggregate>(object id, CancellationToken cancellationToken = default)
        where TAggregate : class
    {
        var repository = Get<EventSourcedRepository<TAggregate>>();
        var stream = repository.Definition.StreamOf(AggregateRuntime.Id(id, typeof(TAggregate).Name, "id"));
        var serializer = Get<EstuaryRuntime>().Events;
        var events = new List<object>();
        foreach (var recorded in await Get<IEventStore>().ReadStreamAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            events.Add(await serializer.DeserializeAsync(recorded, cancellationToken).ConfigureAwait(false));
        }

        return events;
    }

    /// <summary>
    /// Stores <paramref name="aggregate"/> as instance <paramref name="id"/> before the test sends
    /// anything (the given state), as if a command had created it.
    /// </summary>
    public async Task GivenAggregateAsync<TAggregate>(object id, TAggregate aggregate, CancellationToken cancellationToken = default)
        where TAggregate : class =>
        await Get<IAggregateRepository<TAggregate>>().SaveAsync(AggregateRuntime.Id(id, typeof(TAggregate).Name, "id"), aggregate, 0, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The stored state of the saga instance <paramref name="id"/>, or <see langword="null"/> when it has
    /// not started or has completed (a completed saga is removed).
    /// </summary>
    public Task<TSaga?> SagaAsync<TSaga>(object id, CancellationToken cancellationToken = default)
        where TSaga : class => AggregateAsync<TSaga>(id, cancellationToken);

    /// <summary>
    /// Publishes <paramref name="events"/> in order, as the history the test starts from (sagas start,
    /// aggregates react), then clears <see cref="Recorded"/> so the test's assertions see only what
    /// follows. Asynchronous subscribers get their copies when their channels are run.
    /// </summary>
    public async Task GivenEventsAsync(params object[] events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var @event in events)
        {
            await Events.PublishObjectAsync(@event ?? throw new ArgumentException("A given event cannot be null.", nameof(events)), null, CancellationToken.None).ConfigureAwait(false);
        }

        Recorded.Clear();
    }

    /// <summary>The host's projections: status, reset, rebuild, delete (the operations the worker and the CLI use).</summary>
    public EstuaryProjections Projections => Get<EstuaryProjections>();

    /// <summary>
    /// Runs projection <paramref name="name"/> until it has handled every event stored so far (the test
    /// host has no background worker: projections run when the test says); returns how many events its
    /// handlers took. A handler that throws fails the call, and the batch it was in leaves nothing.
    /// </summary>
    public Task<int> RunProjectionAsync(string name, CancellationToken cancellationToken = default) =>
        Projections.CatchUpAsync(name, cancellationToken);

    /// <summary>Runs every projection of the host, in name order, as <see cref="RunProjectionAsync"/> does; returns how many events they took in all.</summary>
    public async Task<int> RunProjectionsAsync(CancellationToken cancellationToken = default)
    {
        var handled = 0;
        foreach (var name in Projections.Names)
        {
            handled += await Projections.CatchUpAsync(name, cancellationToken).ConfigureAwait(false);
        }

        return handled;
    }

    /// <summary>
    /// Runs the consumer of <paramref name="channel"/> until no message is available now (delayed messages
    /// not yet due do not count), or until <paramref name="limits"/> stop it sooner. Messages the handlers
    /// send to this channel meanwhile are handled in the same run.
    /// </summary>
    /// <param name="channel">The channel to consume.</param>
    /// <param name="limits">Further limits, e.g. <see cref="ConsumerLimits.MaxMessages"/>; <see cref="ConsumerLimits.StopWhenEmpty"/> is always on.</param>
    /// <param name="cancellationToken">Stops receiving; a message being handled finishes first.</param>
    /// <returns>How many messages were received and what became of each.</returns>
    public Task<ConsumerRunResult> RunAsync(string channel, ConsumerLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);

        // Nothing advances the fake clock while the consumer waits, so a run that waited for messages
        // would never end.
        var run = (limits ?? ConsumerLimits.None) with { StopWhenEmpty = true };
        return _consumers.RunAsync(channel, run, cancellationToken);
    }

    /// <summary>
    /// Moves <see cref="Time"/> forward by <paramref name="by"/>, which makes the delayed messages and
    /// delayed retries due by then available, then runs the consumer of <paramref name="channel"/> as
    /// <see cref="RunAsync"/> does.
    /// </summary>
    /// <param name="channel">The channel to consume.</param>
    /// <param name="by">How far to move the clock (not negative).</param>
    /// <param name="limits">Further limits; <see cref="ConsumerLimits.StopWhenEmpty"/> is always on.</param>
    /// <param name="cancellationToken">Stops receiving; a message being handled finishes first.</param>
    public Task<ConsumerRunResult> AdvanceTimeAndRunAsync(string channel, TimeSpan by, ConsumerLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Time.Advance(by);
        return RunAsync(channel, limits, cancellationToken);
    }

    /// <summary>Disposes the host's services.</summary>
    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    /// <summary>Declares a recorded in-memory channel for each channel the modules use that the test did not declare.</summary>
    private static void DeclareMissingChannels(EstuaryBuilder estuary, RecordedTraffic recorded)
    {
        // Every module composed, whether given to Create or added in the configure callback, and the
        // channels of the distributed bus's services: the test host is one of them, the others are recorded.
        var channels = estuary.Modules.SelectMany(static m => m.Endpoints).Select(static e => e.Channel).OfType<string>()
            .Concat(estuary.DistributedMap?.Services.Select(static s => s.Channel) ?? [])
            .Distinct(StringComparer.Ordinal);
        foreach (var channel in channels)
        {
            if (!recorded.IsTracked(channel) && !estuary.IsChannelDeclared(channel))
            {
                EstuaryBuilderTestingExtensions.DeclareRecordedChannel(estuary, recorded, channel, configure: null);
            }
        }
    }
}
