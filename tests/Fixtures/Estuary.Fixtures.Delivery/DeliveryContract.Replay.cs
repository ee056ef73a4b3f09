using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Fixtures.Delivery;

// Replaying the dead letter while consumers run.
public abstract partial class DeliveryContract
{
    [Fact]
    public async Task Replay_all_returns_while_consumers_fail_the_replayed_messages_again_and_each_message_stays_in_one_place()
    {
        var host = CreateHost();
        for (var i = 0; i < 3; i++)
        {
            await SendRawAsync(host, "delivery.always-fail", $$"""{"Label":"r{{i}}","Reason":"still broken"}""", typeof(AlwaysFail).FullName);
        }

        await DrainAsync(host);
        Assert.Equal(3, await DeadLettersOf(host).CountAsync());

        using var stop = new CancellationTokenSource();
        var consuming = host.GetRequiredService<EstuaryConsumers>().RunAsync(DeliveryChannels.Work, new ConsumerLimits(), stop.Token);
        var replayed = await DeadLettersOf(host).ReplayAllAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        await EventuallyAsync(
            async () => await PendingAsync(host) == 0 && Log(host).Length == 6,
            "every replayed message failed again");
        await stop.CancelAsync();
        await consuming.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, replayed);
        Assert.Equal(3, await DeadLettersOf(host).CountAsync());
        Assert.Equal(0, await PendingAsync(host));
    }
}
