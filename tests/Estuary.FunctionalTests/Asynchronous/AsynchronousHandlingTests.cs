using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.FunctionalTests.Asynchronous;

public sealed class AsynchronousHandlingTests
{
    [Fact]
    public async Task Asynchronous_command_is_handled_by_the_consumer_not_during_the_send()
    {
        await using var host = AsyncTestHost.Create();

        await host.Commands().SendAsync(new ReserveStock("o-1", 2));

        Assert.Empty(host.Log());
        Assert.Equal(1, host.Channel(AsyncChannels.Orders).Count);

        var run = await host.Drain(AsyncChannels.Orders);

        Assert.Contains(host.Log(), entry => entry.StartsWith("reserved o-1 x2", StringComparison.Ordinal));
        Assert.Equal(4, run[DeliveryOutcome.Handled]);
    }

    [Fact]
    public async Task Event_gives_each_asynchronous_subscriber_its_own_copy_and_runs_synchronous_ones_at_once()
    {
        await using var host = AsyncTestHost.Create();

        await host.Events().PublishAsync(new StockReserved("o-2"));

        Assert.Equal(["counted o-2"], host.Log());
        var copies = host.Channel(AsyncChannels.Orders).Drain();
        Assert.Equal(["stock.invoice", "stock.notify", "stock.ship"], copies.Select(c => c.EndpointId).Order(StringComparer.Ordinal));
        Assert.Single(copies.Select(c => c.MessageId).Distinct());
    }

    [Fact]
    public async Task Headers_flow_from_the_sender_through_the_channel_to_what_the_handler_sends()
    {
        await using var host = AsyncTestHost.Create();
        var correlation = Guid.NewGuid();

        await host.Commands().SendAsync(new ReserveStock("o-3", 1), new MessageHeaders { [MessageHeaderNames.CorrelationId] = correlation });
        await host.Drain(AsyncChannels.Orders);

        Assert.Contains($"reserved o-3 x1 correlation {correlation}", host.Log());
        Assert.Contains("notify o-3 caused by True", host.Log());
    }

    [Fact]
    public async Task Failing_subscriber_is_retried_then_dead_lettered_while_its_siblings_handle_once_and_replay_succeeds()
    {
        await using var host = AsyncTestHost.Create();
        host.Faults().ShippingBroken = true;

        await host.Events().PublishAsync(new StockReserved("o-4"));
        var first = await host.Drain(AsyncChannels.Orders);

        // Invoice and notify handled; ship failed twice (1 instant retry) and went back with a delay.
        Assert.Equal(2, first[DeliveryOutcome.Handled]);
        Assert.Equal(1, first[DeliveryOutcome.Retrying]);
        Assert.Equal(2, host.Faults().ShippingCalls);

        // Delayed retry 1 was scheduled about 1 s ahead (up to 20% jitter): not delivered before.
        Assert.Equal(0, (await host.Drain(AsyncChannels.Orders)).Received);
        host.Clock().Advance(TimeSpan.FromSeconds(1.3));
        Assert.Equal(1, (await host.Drain(AsyncChannels.Orders))[DeliveryOutcome.Retrying]);

        // Delayed retry 2 waits about 2 s; when it fails too, the message goes to the dead letter.
        host.Clock().Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal(0, (await host.Drain(AsyncChannels.Orders)).Received);
        host.Clock().Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await host.Drain(AsyncChannels.Orders))[DeliveryOutcome.DeadLettered]);
        Assert.Equal(6, host.Faults().ShippingCalls);
        Assert.Equal(1, host.Log().Count(e => e == "invoice o-4"));
        Assert.Equal(1, host.Log().Count(e => e.StartsWith("notify o-4", StringComparison.Ordinal)));

        var dead = Assert.Single(await host.DeadLetters().ListAsync());
        Assert.Equal("stock.ship", dead.Message.EndpointId);
        Assert.Equal("carrier API down", dead.Reason);
        Assert.Equal(typeof(InvalidOperationException).FullName, dead.ExceptionType);
        Assert.Contains(nameof(StockReservedSubscribers.Ship), dead.ExceptionDetails);

        host.Faults().ShippingBroken = false;
        Assert.True(await host.DeadLetters().ReplayAsync(dead.Id, dead.Message.EndpointId));
        Assert.Equal(1, (await host.Drain(AsyncChannels.Orders))[DeliveryOutcome.Handled]);

        Assert.Contains("ship o-4", host.Log());
        Assert.Equal(0, await host.DeadLetters().CountAsync());
    }

    [Fact]
    public async Task Handler_that_sends_and_then_throws_sends_nothing_and_one_that_succeeds_sends_everything_once()
    {
        await using var host = AsyncTestHost.Create();
        host.Faults().WarehouseBroken = true;

        await host.Commands().SendAsync(new ReserveStock("o-5", 1));
        var failed = await host.Drain(AsyncChannels.Orders);

        Assert.Equal(1, failed[DeliveryOutcome.DeadLettered]);
        Assert.Equal(0, host.Channel(AsyncChannels.Orders).Count);
        // The synchronous subscriber ran inside the failed attempt; the asynchronous ones got nothing.
        Assert.Equal(["counted o-5"], host.Log());

        host.Faults().WarehouseBroken = false;
        var dead = Assert.Single(await host.DeadLetters().ListAsync());
        await host.DeadLetters().ReplayAsync(dead.Id, dead.Message.EndpointId);
        await host.Drain(AsyncChannels.Orders);

        Assert.Equal(1, host.Log().Count(e => e == "invoice o-5"));
        Assert.Equal(1, host.Log().Count(e => e == "ship o-5"));
        Assert.Equal(2, host.Log().Count(e => e == "counted o-5"));
    }
}
