using System;
using System.Threading.Tasks;
using Estuary.Channels;
using Estuary.Testing.Tests.Shop;
using Xunit;

namespace Estuary.Testing.Tests;

public sealed class ConsumerTests
{
    [Fact]
    public async Task RunAsync_handles_every_message_available_on_the_channel()
    {
        await using var flow = ShopHost.Create();
        await flow.Commands.SendAsync(new PlaceOrder("o-1", 2));
        await flow.Commands.SendAsync(new PlaceOrder("o-2", 5));

        var warehouse = await flow.RunAsync(ShopChannels.Warehouse);

        Assert.Equal(ShopChannels.Warehouse, warehouse.Channel);
        Assert.Equal(2, warehouse[DeliveryOutcome.Handled]);
        Assert.Equal(["o-1 x2", "o-2 x5"], flow.Get<Warehouse>().Reserved);

        // Two orders placed, then two reservations: four notifications.
        var notifications = await flow.RunAsync(ShopChannels.Notifications);
        Assert.Equal(4, notifications[DeliveryOutcome.Handled]);
        Assert.Equal(
            ["order o-1 placed", "order o-2 placed", "stock for o-1 reserved", "stock for o-2 reserved"],
            flow.Get<FakeMailer>().Sent);
    }

    [Fact]
    public async Task RunAsync_stops_at_the_limits_it_is_given()
    {
        await using var flow = ShopHost.Create();
        for (var i = 0; i < 3; i++)
        {
            await flow.Commands.SendAsync(new ReserveStock($"o-{i}", 1));
        }

        var first = await flow.RunAsync(ShopChannels.Warehouse, new ConsumerLimits { MaxMessages = 2 });
        var rest = await flow.RunAsync(ShopChannels.Warehouse);

        Assert.Equal(2, first.Received);
        Assert.Equal(1, rest.Received);
        Assert.Equal(3, flow.Get<Warehouse>().Reserved.Count);
    }

    [Fact]
    public async Task Harness_channels_report_what_waits_on_them_delayed_messages_included()
    {
        await using var flow = ShopHost.Create();
        await flow.Commands.SendAsync(new SendReminder("ada"));
        await flow.Commands.SendAsync(new SendReminder("grace"));
        var reminders = Assert.IsAssignableFrom<IInspectableChannel>(flow.Get<EstuaryConsumers>().Channel(ShopChannels.Reminders));

        Assert.Equal(2, await reminders.CountPendingAsync(default));
        await flow.AdvanceTimeAndRunAsync(ShopChannels.Reminders, TimeSpan.FromMinutes(1));
        Assert.Equal(0, await reminders.CountPendingAsync(default));
    }

    [Fact]
    public async Task RunAsync_on_an_empty_channel_returns_at_once_even_without_StopWhenEmpty()
    {
        await using var flow = ShopHost.Create();

        var run = await flow.RunAsync(ShopChannels.Payments, new ConsumerLimits { StopWhenEmpty = false }).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, run.Received);
    }

    [Fact]
    public async Task RunAsync_on_a_channel_the_host_does_not_have_names_the_declared_ones()
    {
        await using var flow = ShopHost.Create();

        var error = await Assert.ThrowsAsync<ChannelNotDeclaredException>(() => flow.RunAsync("shipping"));

        Assert.Contains("warehouse", error.Message, StringComparison.Ordinal);
    }
}
