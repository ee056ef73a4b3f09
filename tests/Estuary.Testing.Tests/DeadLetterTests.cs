using System;
using System.Threading.Tasks;
using Estuary.Testing.Tests.Shop;
using Xunit;

namespace Estuary.Testing.Tests;

public sealed class DeadLetterTests
{
    [Fact]
    public async Task Failing_handler_is_retried_on_the_fake_clock_then_dead_lettered_and_replays_once_fixed()
    {
        await using var flow = ShopHost.Create();
        var gateway = flow.Get<PaymentGateway>();
        gateway.Down = true;
        await flow.Commands.SendAsync(new ChargeCard("o-1", 25m));

        // The first attempt and its instant retry fail; the message waits for a delayed retry.
        Assert.Equal(1, (await flow.RunAsync(ShopChannels.Payments))[DeliveryOutcome.Retrying]);
        Assert.Equal(2, gateway.Attempts);

        // Delayed retry 1 comes about 1 s later (jitter: 0.8 to 1.2 s), not before.
        Assert.Equal(0, (await flow.AdvanceTimeAndRunAsync(ShopChannels.Payments, TimeSpan.FromSeconds(0.5))).Received);
        Assert.Equal(1, (await flow.AdvanceTimeAndRunAsync(ShopChannels.Payments, TimeSpan.FromSeconds(1)))[DeliveryOutcome.Retrying]);
        Assert.Equal(4, gateway.Attempts);

        // Delayed retry 2 comes about 2 s later (1.6 to 2.4 s); its failure is final.
        Assert.Equal(1, (await flow.AdvanceTimeAndRunAsync(ShopChannels.Payments, TimeSpan.FromSeconds(2.5)))[DeliveryOutcome.DeadLettered]);
        Assert.Equal(6, gateway.Attempts);

        var dead = Assert.Single(await flow.DeadLetters.ListAsync());
        Assert.Equal("payments.charge", dead.Message.EndpointId);
        Assert.Equal(ShopChannels.Payments, dead.Channel);
        Assert.Equal("payment provider unavailable", dead.Reason);
        Assert.Equal(flow.Time.GetUtcNow(), dead.FailedAt);

        gateway.Down = false;
        Assert.True(await flow.DeadLetters.ReplayAsync(dead.Id, dead.Message.EndpointId));
        Assert.Equal(1, (await flow.RunAsync(ShopChannels.Payments))[DeliveryOutcome.Handled]);
        Assert.Equal(["o-1 25"], gateway.Captured);
        Assert.Equal(0, await flow.DeadLetters.CountAsync());

        // The send and the replay reached the channel; the delayed retries are redeliveries, not sends.
        Assert.Equal(2, flow.Recorded.SentTo(ShopChannels.Payments).Count);
    }

    [Fact]
    public async Task Channel_declared_with_AddRecordedChannel_keeps_its_settings_and_is_recorded()
    {
        await using var flow = ShopHost.Create(estuary => estuary.AddRecordedChannel(ShopChannels.Warehouse, consumer => consumer.FinalFailure = FinalFailure.Ignore));
        flow.Get<Warehouse>().Closed = true;
        await flow.Commands.SendAsync(new ReserveStock("o-2", 1));

        var run = await flow.RunAsync(ShopChannels.Warehouse);

        Assert.Equal(1, run[DeliveryOutcome.Ignored]);
        Assert.Equal(0, await flow.DeadLetters.CountAsync());
        Assert.Equal("warehouse.reserve", Assert.Single(flow.Recorded.SentTo(ShopChannels.Warehouse)).EndpointId);
    }
}
