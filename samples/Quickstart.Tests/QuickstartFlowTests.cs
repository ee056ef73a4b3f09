using System;
using System.Linq;
using System.Threading.Tasks;
using Estuary;
using Estuary.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Quickstart.Tests;

public sealed class QuickstartFlowTests
{
    private static EstuaryTestHost CreateHost() => EstuaryTestHost.Create<QuickstartModule>(
        services: services => services.AddSingleton<OrderBook>().AddSingleton<Journal>().AddSingleton<Carrier>());

    [Fact]
    public async Task Placing_an_order_records_it_publishes_OrderPlaced_and_answers_the_status_query()
    {
        await using var flow = CreateHost();
        var orderId = Guid.NewGuid();

        await flow.Commands.SendAsync(new PlaceOrder(orderId, "tea", 3), new MessageHeaders { ["user"] = "alice" });
        OrderStatus status = await flow.Queries.SendAsync(new GetOrderStatus(orderId));

        Assert.Equal(new OrderStatus(orderId, "placed", "alice"), status);
        var placed = Assert.Single(flow.Recorded.Events.OfType<OrderPlaced>());
        Assert.Equal(orderId, placed.OrderId);

        // One copy per asynchronous subscriber, on the fulfilment channel.
        Assert.Equal(["fulfilment.invoice", "fulfilment.ship"], flow.Recorded.SentTo("fulfilment").Select(m => m.EndpointId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Orders_earn_loyalty_points_on_an_event_sourced_card_that_refuses_to_redeem_more_than_it_holds()
    {
        await using var flow = CreateHost();
        var alice = new MessageHeaders { ["user"] = "alice" };

        // The first order opens the card, the second loads it and adds to it.
        await flow.Commands.SendAsync(new PlaceOrder(Guid.NewGuid(), "tea", 3), alice);
        await flow.Commands.SendAsync(new PlaceOrder(Guid.NewGuid(), "coffee", 1), alice);
        await flow.Commands.SendAsync(new RedeemPoints("alice", 25));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await flow.Commands.SendAsync(new RedeemPoints("alice", 50)));

        Assert.Equal(15, await flow.Queries.SendAsync(new GetLoyaltyPoints("alice")));
        var stream = await flow.Get<IEventStore>().ReadStreamAsync("loyalty-alice");
        Assert.Equal(["loyalty.points-earned", "loyalty.points-earned", "loyalty.points-redeemed"], stream.Select(e => e.Type));
        Assert.Equal([30, 10], flow.Recorded.Events.OfType<PointsEarned>().Select(e => e.Points));
    }

    [Fact]
    public async Task Order_without_a_user_header_is_stopped_by_the_audit_interceptor()
    {
        await using var flow = CreateHost();

        await flow.Commands.SendAsync(new PlaceOrder(Guid.NewGuid(), "tea", 1));

        Assert.Empty(flow.Recorded.Events);
        Assert.Empty(flow.Get<OrderBook>().Orders);
    }

    [Fact]
    public async Task Shipping_succeeds_on_a_delayed_retry_and_invoicing_is_dead_lettered_until_replayed()
    {
        await using var flow = CreateHost();
        await flow.Commands.SendAsync(new PlaceOrder(Guid.NewGuid(), "tea", 1), new MessageHeaders { ["user"] = "bob" });

        // Ship fails twice (one instant retry) and waits for its delayed retry; invoicing fails for good.
        var first = await flow.RunAsync("fulfilment");
        Assert.Equal(1, first[DeliveryOutcome.Retrying]);
        Assert.Equal(1, first[DeliveryOutcome.DeadLettered]);

        var retried = await flow.AdvanceTimeAndRunAsync("fulfilment", TimeSpan.FromMilliseconds(150));
        Assert.Equal(1, retried[DeliveryOutcome.Handled]);

        var dead = Assert.Single(await flow.DeadLetters.ListAsync());
        Assert.Equal("fulfilment.invoice", dead.Message.EndpointId);
        Assert.Equal("invoicing service offline", dead.Reason);

        flow.Get<Carrier>().InvoicingOffline = false;
        await flow.DeadLetters.ReplayAllAsync();
        Assert.Equal(1, (await flow.RunAsync("fulfilment"))[DeliveryOutcome.Handled]);
        Assert.Equal(0, await flow.DeadLetters.CountAsync());
    }
}
