using System;
using System.Linq;
using System.Threading.Tasks;
using Estuary.Runtime;
using Estuary.Testing.Tests.Shop;
using Xunit;

namespace Estuary.Testing.Tests;

public sealed class RecordingTests
{
    [Fact]
    public async Task Sends_by_the_test_and_by_its_handlers_are_recorded_in_order()
    {
        await using var flow = ShopHost.Create();

        await flow.Commands.SendAsync(new PlaceOrder("o-1", 2));
        var status = await flow.Queries.SendAsync(new GetOrderStatus("o-1"));

        Assert.Equal("placed", status);

        // PlaceOrder's handler published OrderPlaced and sent ReserveStock through the buses it got from DI.
        Assert.Equal([new PlaceOrder("o-1", 2), new ReserveStock("o-1", 2)], flow.Recorded.Commands);
        Assert.Equal([new OrderPlaced("o-1")], flow.Recorded.Events);
        Assert.Equal(new object?[] { new GetOrderStatus("o-1") }, flow.Recorded.Queries);
        Assert.Equal(
            [EndpointKind.Command, EndpointKind.Event, EndpointKind.Command, EndpointKind.Query],
            flow.Recorded.Messages.Select(m => m.Kind));
    }

    [Fact]
    public async Task Handlers_run_by_a_consumer_send_through_the_recording_bus_too()
    {
        await using var flow = ShopHost.Create();
        await flow.Commands.SendAsync(new ReserveStock("o-2", 1));
        Assert.Empty(flow.Recorded.Events);

        await flow.RunAsync(ShopChannels.Warehouse);

        Assert.Equal(new object?[] { new StockReserved("o-2") }, flow.Recorded.Events);
        Assert.Equal("reserved", await flow.Queries.SendAsync(new GetOrderStatus("o-2")));
    }

    [Fact]
    public async Task Send_by_routing_key_is_recorded_with_its_key_and_a_copy_of_its_headers()
    {
        await using var flow = ShopHost.Create();
        var headers = new MessageHeaders { ["reason"] = "changed mind" };

        await flow.Commands.SendWithRoutingAsync("order.cancel", new CancelOrder("o-3"), headers);
        headers["reason"] = "edited after the send";

        var sent = Assert.Single(flow.Recorded.CommandMessages);
        Assert.Equal(EndpointKind.Command, sent.Kind);
        Assert.Equal(new CancelOrder("o-3"), sent.Payload);
        Assert.Equal("order.cancel", sent.RoutingKey);
        Assert.Equal("changed mind", sent.Headers!["reason"]);
        Assert.Equal("cancelled: changed mind", await flow.Queries.SendAsync(new GetOrderStatus("o-3")));
        Assert.Empty(flow.Recorded.EventMessages);
        Assert.Single(flow.Recorded.QueryMessages);
    }

    [Fact]
    public async Task Messages_for_asynchronous_handlers_are_recorded_per_channel_and_wait_there()
    {
        await using var flow = ShopHost.Create();

        await flow.Commands.SendAsync(new PlaceOrder("o-4", 3));

        var reservation = Assert.Single(flow.Recorded.SentTo(ShopChannels.Warehouse));
        Assert.Equal("warehouse.reserve", reservation.EndpointId);
        var notification = Assert.Single(flow.Recorded.SentTo(ShopChannels.Notifications));
        Assert.Equal("notifications.order-placed", notification.EndpointId);
        Assert.Empty(flow.Recorded.SentTo(ShopChannels.Payments));

        // Recorded, not handled: nothing ran the consumers yet.
        Assert.Empty(flow.Get<Warehouse>().Reserved);
        Assert.Empty(flow.Get<FakeMailer>().Sent);
    }

    [Fact]
    public async Task Failed_attempt_keeps_its_recorded_bus_calls_but_sends_nothing_to_channels()
    {
        await using var flow = ShopHost.Create();
        flow.Get<Warehouse>().Closed = true;
        await flow.Commands.SendAsync(new ReserveStock("o-5", 1));

        var run = await flow.RunAsync(ShopChannels.Warehouse);

        Assert.Equal(1, run[DeliveryOutcome.DeadLettered]);
        Assert.Equal(new object?[] { new StockReserved("o-5") }, flow.Recorded.Events);
        Assert.Empty(flow.Recorded.SentTo(ShopChannels.Notifications));
    }

    [Fact]
    public async Task Clear_discards_the_record_but_not_the_messages_waiting_on_channels()
    {
        await using var flow = ShopHost.Create();
        await flow.Commands.SendAsync(new PlaceOrder("o-6", 1));

        flow.Recorded.Clear();

        Assert.Empty(flow.Recorded.Messages);
        Assert.Empty(flow.Recorded.Commands);
        Assert.Empty(flow.Recorded.Events);
        Assert.Empty(flow.Recorded.SentTo(ShopChannels.Warehouse));
        Assert.Empty(flow.Recorded.SentTo(ShopChannels.Notifications));

        Assert.Equal(1, (await flow.RunAsync(ShopChannels.Warehouse))[DeliveryOutcome.Handled]);
        Assert.Equal(new object?[] { new StockReserved("o-6") }, flow.Recorded.Events);
        Assert.Equal("notifications.stock-reserved", Assert.Single(flow.Recorded.SentTo(ShopChannels.Notifications)).EndpointId);
    }

    [Fact]
    public async Task Channel_the_test_declared_itself_is_used_but_not_recorded()
    {
        await using var flow = ShopHost.Create(estuary => estuary.AddInMemoryChannel(ShopChannels.Reminders));
        await flow.Commands.SendAsync(new SendReminder("ada"));

        var error = Assert.Throws<InvalidOperationException>(() => flow.Recorded.SentTo(ShopChannels.Reminders));
        Assert.Contains("AddRecordedChannel(\"reminders\")", error.Message, StringComparison.Ordinal);

        // The test's channel runs on the host's clock like the others.
        Assert.Equal(1, (await flow.AdvanceTimeAndRunAsync(ShopChannels.Reminders, TimeSpan.FromMinutes(1)))[DeliveryOutcome.Handled]);
        Assert.Equal(["reminder for ada"], flow.Get<FakeMailer>().Sent);
    }
}
