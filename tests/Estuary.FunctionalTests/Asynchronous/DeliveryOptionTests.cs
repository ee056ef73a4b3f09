using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.FunctionalTests.Asynchronous;

public sealed class DeliveryOptionTests
{
    [Fact]
    public async Task Delayed_handler_receives_its_message_only_once_the_delay_passed()
    {
        await using var host = AsyncTestHost.Create();

        await host.Commands().SendAsync(new SendReminder("ada"));

        Assert.Equal(0, (await host.Drain(AsyncChannels.Reminders)).Received);
        host.Clock().Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, (await host.Drain(AsyncChannels.Reminders)).Received);
        host.Clock().Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await host.Drain(AsyncChannels.Reminders))[DeliveryOutcome.Handled]);
        Assert.Equal(["reminded ada"], host.Log());
    }

    [Fact]
    public async Task Delivery_delay_header_overrides_the_attribute()
    {
        await using var host = AsyncTestHost.Create();

        await host.Commands().SendAsync(new SendReminder("grace"), new MessageHeaders { [MessageHeaderNames.DeliveryDelay] = 1_000 });
        host.Clock().Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, (await host.Drain(AsyncChannels.Reminders))[DeliveryOutcome.Handled]);
    }

    [Fact]
    public async Task Message_past_its_time_to_live_is_reported_expired_not_handled()
    {
        await using var host = AsyncTestHost.Create();

        await host.Commands().SendAsync(new ShowBanner("sale"));
        await host.Commands().SendAsync(new ShowBanner("late"), new MessageHeaders { [MessageHeaderNames.TimeToLive] = 60_000 });
        host.Clock().Advance(TimeSpan.FromSeconds(6));
        var run = await host.Drain(AsyncChannels.Reminders);

        Assert.Equal(["banner late"], host.Log());
        Assert.Equal((2, 1, 1), (run.Received, run[DeliveryOutcome.Expired], run[DeliveryOutcome.Handled]));
        Assert.Equal(0, host.Channel(AsyncChannels.Reminders).Count);
    }

    [Fact]
    public async Task Higher_priority_header_is_delivered_first()
    {
        await using var host = AsyncTestHost.Create();

        await host.Commands().SendAsync(new ShowBanner("normal"));
        await host.Commands().SendAsync(new ShowBanner("urgent"), new MessageHeaders { [MessageHeaderNames.Priority] = 9 });
        await host.Drain(AsyncChannels.Reminders);

        Assert.Equal(["banner urgent", "banner normal"], host.Log());
    }

    [Fact]
    public async Task Redelivered_message_id_is_handled_once_per_endpoint()
    {
        await using var host = AsyncTestHost.Create();
        await host.Events().PublishAsync(new PaymentReceived("o-1", new Payment("pay-1", 10m)));
        var copy = Assert.Single(host.Channel(AsyncChannels.Payments).Drain());

        await host.Channel(AsyncChannels.Payments).SendAsync(copy, default);
        await host.Channel(AsyncChannels.Payments).SendAsync(copy, default);
        var run = await host.Drain(AsyncChannels.Payments);

        Assert.Equal(1, run[DeliveryOutcome.Handled]);
        Assert.Equal(1, run[DeliveryOutcome.Duplicate]);
        Assert.Equal(["booked pay-1 10"], host.Log());
    }

    [Fact]
    public async Task Deduplicated_member_path_skips_a_new_message_with_a_key_already_handled()
    {
        await using var host = AsyncTestHost.Create();

        await host.Events().PublishAsync(new PaymentReceived("o-1", new Payment("pay-7", 10m)));
        await host.Events().PublishAsync(new PaymentReceived("o-1", new Payment("pay-7", 10m)));
        await host.Events().PublishAsync(new PaymentReceived("o-2", new Payment("pay-8", 5m)));
        var run = await host.Drain(AsyncChannels.Payments);

        Assert.Equal(1, run[DeliveryOutcome.Duplicate]);
        Assert.Equal(["booked pay-7 10", "booked pay-8 5"], host.Log());
    }

    [Fact]
    public async Task Stop_consumer_strategy_leaves_the_failed_message_on_the_channel_and_stops()
    {
        await using var host = AsyncTestHost.Create(orders => orders.FinalFailure = FinalFailure.StopConsumer);
        host.Faults().WarehouseBroken = true;
        await host.Commands().SendAsync(new ReserveStock("o-9", 1));

        var run = await host.Drain(AsyncChannels.Orders);

        Assert.True(run.StoppedOnFailure);
        Assert.Equal(1, run[DeliveryOutcome.Released]);
        Assert.Equal(1, host.Channel(AsyncChannels.Orders).Count);
        Assert.Equal(0, await host.DeadLetters().CountAsync());
    }

    [Fact]
    public async Task Ignore_strategy_drops_the_failed_message()
    {
        await using var host = AsyncTestHost.Create(orders => orders.FinalFailure = FinalFailure.Ignore);
        host.Faults().WarehouseBroken = true;
        await host.Commands().SendAsync(new ReserveStock("o-10", 1));

        var run = await host.Drain(AsyncChannels.Orders);

        Assert.Equal(1, run[DeliveryOutcome.Ignored]);
        Assert.Equal(0, host.Channel(AsyncChannels.Orders).Count);
        Assert.Equal(0, await host.DeadLetters().CountAsync());
    }

    [Fact]
    public async Task Error_channel_receives_the_failed_message_with_the_reason()
    {
        await using var host = AsyncTestHost.Create(orders => orders.ErrorChannel = AsyncChannels.Payments);
        host.Faults().WarehouseBroken = true;
        await host.Commands().SendAsync(new ReserveStock("o-11", 1));

        var run = await host.Drain(AsyncChannels.Orders);

        Assert.Equal(1, run[DeliveryOutcome.SentToErrorChannel]);
        var failed = Assert.Single(host.Channel(AsyncChannels.Payments).Drain());
        Assert.Equal("warehouse.reserve", failed.EndpointId);
        Assert.Equal("warehouse offline", failed.Headers["failure-reason"]);
    }

    [Fact]
    public async Task Consumer_stops_after_the_message_limit()
    {
        await using var host = AsyncTestHost.Create();
        for (var i = 0; i < 5; i++)
        {
            await host.Commands().SendAsync(new ShowBanner($"b{i}"));
        }

        var run = await host.GetConsumers().RunAsync(AsyncChannels.Reminders, new ConsumerLimits { MaxMessages = 3, Concurrency = 2 });

        Assert.Equal(3, run.Received);
        Assert.Equal(2, host.Channel(AsyncChannels.Reminders).Count);
        Assert.Equal(3, host.Log().Distinct().Count());
    }
}
