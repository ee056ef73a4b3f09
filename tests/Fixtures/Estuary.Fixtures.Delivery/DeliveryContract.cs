using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Fixtures.Delivery;

/// <summary>
/// What a consumer does with each message, whatever is wrong with it, on every channel kind: the
/// derived class declares the channels (<see cref="DeliveryChannels"/>) of the kind under test and the
/// stores beside them. Anything wrong with one message is a failure of that message: it is counted,
/// retried where retrying can help, and ends in the dead letter with its reason; the consumer goes on.
/// </summary>
public abstract partial class DeliveryContract : IAsyncLifetime
{
    private readonly List<ServiceProvider> _hosts = [];

    /// <summary>Declares channel <paramref name="name"/> of the kind under test.</summary>
    protected abstract void Declare(EstuaryBuilder estuary, string name, Action<ConsumerSettings>? consumer);

    /// <summary>Adds the stores (dead letter, deduplication, event store) the hosts use; in memory by default.</summary>
    protected virtual void AddStores(EstuaryBuilder estuary)
    {
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>A host with the suite's handlers and channels; <paramref name="work"/> configures the work channel's consumer.</summary>
    protected ServiceProvider CreateHost(Action<ConsumerSettings>? work = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<DeliveryLog>().AddSingleton<DeliveryGate>().AddSingleton<DeliverySwitch>().AddSingleton<DeliveryMeeting>().AddScoped<AttemptScoped>();
        services.AddEstuary(estuary =>
        {
            estuary.AddModule<DeliveryFixturesModule>();
            AddStores(estuary);
            Declare(estuary, DeliveryChannels.Work, work);
            Declare(estuary, DeliveryChannels.Next, null);
            Declare(estuary, DeliveryChannels.Errors, null);
        });
        var host = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        _hosts.Add(host);
        return host;
    }

    protected static Task<ConsumerRunResult> DrainAsync(IServiceProvider host, string channel = DeliveryChannels.Work, int? concurrency = null) =>
        host.GetRequiredService<EstuaryConsumers>().RunAsync(channel, new ConsumerLimits { StopWhenEmpty = true, Concurrency = concurrency });

    protected static ValueTask<long> PendingAsync(IServiceProvider host, string channel = DeliveryChannels.Work) =>
        ((IInspectableChannel)host.GetRequiredService<EstuaryConsumers>().Channel(channel)).CountPendingAsync(CancellationToken.None);

    protected static string[] Log(IServiceProvider host) => host.GetRequiredService<DeliveryLog>().Entries;

    protected static DeadLetters DeadLettersOf(IServiceProvider host) => host.GetRequiredService<DeadLetters>();

    /// <summary>Sends a message as another program would write it: an endpoint id, a name, JSON bytes and text headers.</summary>
    protected static ValueTask SendRawAsync(
        IServiceProvider host, string endpointId, string json, string? name, Dictionary<string, string>? headers = null, DateTimeOffset? expiresAt = null, Guid? messageId = null) =>
        host.GetRequiredService<EstuaryConsumers>().Channel(DeliveryChannels.Work).SendAsync(
            new ChannelMessage
            {
                MessageId = messageId ?? Guid.NewGuid(),
                EndpointId = endpointId,
                MessageName = name,
                Payload = Encoding.UTF8.GetBytes(json),
                Headers = headers ?? [],
                ExpiresAt = expiresAt,
            },
            CancellationToken.None);

    /// <summary>Polls <paramref name="condition"/> until it holds, or fails after <paramref name="seconds"/>.</summary>
    protected static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Timed out waiting until {what}.");
            }

            await Task.Delay(50);
        }
    }
}
