using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading.Tasks;

namespace Estuary.Runtime;

/// <summary>What an event-sourced handler decided: its answer and the new events it yields.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct Decided<TResult>(TResult Result, IReadOnlyList<object> Events);

/// <summary>
/// The flows of event-sourced aggregate and saga endpoints, written once: a factory's events start a
/// new stream; an action loads its instance from its stream, calls the handler, then appends the new
/// events at the version it loaded, so a concurrent append fails with <see cref="ConcurrencyException"/>;
/// a query loads and asks. New events are published after the append, in the same unit of work.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class EventSourcedFlow
{
    /// <summary>Starts the stream of a new instance with a factory's events; returns the instance they built.</summary>
    public static async ValueTask<TAggregate> StartAsync<TAggregate>(EventSourcedRepository<TAggregate> repository, IReadOnlyList<object> events, MessageContext context)
        where TAggregate : class
    {
        var started = await repository.StartAsync(events, context.CancellationToken).ConfigureAwait(false);
        await RecordedEvents.PublishAsync(events, context, repository.Definition.IdOf(started.Aggregate)).ConfigureAwait(false);
        return started.Aggregate;
    }

    /// <summary>Loads the instance and asks it; nothing is appended.</summary>
    public static async ValueTask<TResult> AskAsync<TAggregate, TMessage, TResult>(
        EventSourcedRepository<TAggregate> repository,
        string id,
        TMessage message,
        MessageContext context,
        Func<TAggregate, TMessage, MessageContext, ValueTask<TResult>> ask)
        where TAggregate : class
    {
        var loaded = await EventSourcingRuntime.LoadAsync(repository, id, context.CancellationToken).ConfigureAwait(false);
        return await ask(loaded.Aggregate, message, context).ConfigureAwait(false);
    }

    /// <summary>Loads the instance, lets it decide, appends and publishes its new events; <paramref name="whenMissing"/> decides about a missing one.</summary>
    public static async ValueTask<Acted<TAggregate, TResult>> ActAsync<TAggregate, TMessage, TResult>(
        EventSourcedRepository<TAggregate> repository,
        string id,
        TMessage message,
        MessageContext context,
        Func<TAggregate, TMessage, MessageContext, ValueTask<Decided<TResult>>> act,
        WhenMissing whenMissing = WhenMissing.Throw)
        where TAggregate : class
    {
        var found = await repository.LoadAsync(id, context.CancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return whenMissing == WhenMissing.Skip ? default : throw new AggregateNotFoundException(repository.Definition.TypeName, id);
        }

        return await DecideAsync(repository, id, found, message, context, act).ConfigureAwait(false);
    }

    /// <summary>As <see cref="ActAsync"/>, but a missing instance's stream is started with the events of <paramref name="start"/> (load or create).</summary>
    public static async ValueTask<Acted<TAggregate, TResult>> ActOrStartAsync<TAggregate, TMessage, TResult>(
        EventSourcedRepository<TAggregate> repository,
        string id,
        TMessage message,
        MessageContext context,
        Func<TAggregate, TMessage, MessageContext, ValueTask<Decided<TResult>>> act,
        Func<TMessage, MessageContext, ValueTask<IReadOnlyList<object>>> start)
        where TAggregate : class
    {
        var found = await repository.LoadAsync(id, context.CancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            var events = await start(message, context).ConfigureAwait(false);
            var started = await StartAsync(repository, events, context).ConfigureAwait(false);
            return new Acted<TAggregate, TResult>(started, default!, Created: true);
        }

        return await DecideAsync(repository, id, found, message, context, act).ConfigureAwait(false);
    }

    private static async ValueTask<Acted<TAggregate, TResult>> DecideAsync<TAggregate, TMessage, TResult>(
        EventSourcedRepository<TAggregate> repository,
        string id,
        EventSourcedInstance<TAggregate> loaded,
        TMessage message,
        MessageContext context,
        Func<TAggregate, TMessage, MessageContext, ValueTask<Decided<TResult>>> act)
        where TAggregate : class
    {
        var decided = await act(loaded.Aggregate, message, context).ConfigureAwait(false);
        await repository.AppendAsync(id, loaded.Aggregate, decided.Events, loaded.Version, context.CancellationToken).ConfigureAwait(false);
        await RecordedEvents.PublishAsync(decided.Events, context, id).ConfigureAwait(false);
        return new Acted<TAggregate, TResult>(loaded.Aggregate, decided.Result, Created: false);
    }
}
