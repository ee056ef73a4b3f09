using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Estuary;
using Estuary.Testing;
using Xunit;

namespace OrderSaga.Tests;

/// <summary>
/// The saga's flows, one channel run at a time: the test decides when the saga, the payment service
/// and the deadline get their messages, on a clock that moves only when told.
/// </summary>
public sealed class OrderFulfilmentTests
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromMinutes(OrderFulfilment.PaymentDeadlineMinutes);

    private static EstuaryTestHost CreateHost() =>
        EstuaryTestHost.Create<OrderSagaModule>(services: services => services.AddOrderSagaServices(TextWriter.Null));

    [Fact]
    public async Task Paid_order_is_shipped_and_its_saga_removed()
    {
        await using var flow = CreateHost();
        var order = await PlaceAsync(flow, FakePaymentProvider.WorkingCard);

        // The order is stored; the saga's copy of OrderPlaced waits on the fulfilment channel.
        Assert.Equal(OrderState.Placed, (await StatusAsync(flow, order)).State);
        Assert.Equal("fulfilment.start", Assert.Single(flow.Recorded.SentTo(ChannelNames.Fulfilment)).EndpointId);

        await flow.RunAsync(ChannelNames.Fulfilment);
        Assert.Equal([new CapturePayment(order, 30m, FakePaymentProvider.WorkingCard)], flow.Recorded.Commands.OfType<CapturePayment>());
        var running = await flow.Queries.SendAsync(new GetFulfilmentStatus(order));
        Assert.Equal(flow.Time.GetUtcNow() + s_deadline, running.PaymentDue);

        await flow.RunAsync(ChannelNames.Payments);
        Assert.Equal([new PaymentCaptured(order, 30m)], flow.Recorded.Events.OfType<PaymentCaptured>());

        await flow.RunAsync(ChannelNames.Fulfilment);
        Assert.Equal(new OrderStatus(order, OrderState.Shipped, null), await StatusAsync(flow, order));
        Assert.Null(await flow.AggregateAsync<OrderFulfilment>(order));
        await Assert.ThrowsAsync<AggregateNotFoundException>(async () => await flow.Queries.SendAsync(new GetFulfilmentStatus(order)));
    }

    [Fact]
    public async Task Declined_payment_cancels_the_order_and_completes_the_saga()
    {
        await using var flow = CreateHost();
        var order = await PlaceAsync(flow, FakePaymentProvider.DeclinedCard);

        await flow.RunAsync(ChannelNames.Fulfilment);
        await flow.RunAsync(ChannelNames.Payments);
        await flow.RunAsync(ChannelNames.Fulfilment);

        Assert.Equal([new PaymentFailed(order, "card declined")], flow.Recorded.Events.OfType<PaymentFailed>());
        Assert.Equal(new OrderStatus(order, OrderState.Cancelled, "card declined"), await StatusAsync(flow, order));
        Assert.DoesNotContain(flow.Recorded.Commands, command => command is ShipOrder);
        Assert.Null(await flow.AggregateAsync<OrderFulfilment>(order));
    }

    [Fact]
    public async Task Unpaid_order_is_cancelled_at_the_payment_deadline_and_not_before()
    {
        await using var flow = CreateHost();
        var order = await PlaceAsync(flow, FakePaymentProvider.CardNeedingConfirmation);
        await flow.RunAsync(ChannelNames.Fulfilment);
        await flow.RunAsync(ChannelNames.Payments);
        Assert.DoesNotContain(flow.Recorded.Events, e => e is PaymentCaptured or PaymentFailed);

        var early = await flow.AdvanceTimeAndRunAsync(ChannelNames.Fulfilment, s_deadline - TimeSpan.FromSeconds(1));
        Assert.Equal(0, early.Received);
        Assert.Equal(OrderState.Placed, (await StatusAsync(flow, order)).State);
        Assert.NotNull(await flow.AggregateAsync<OrderFulfilment>(order));

        var due = await flow.AdvanceTimeAndRunAsync(ChannelNames.Fulfilment, TimeSpan.FromSeconds(1));
        Assert.Equal(1, due[DeliveryOutcome.Handled]);
        Assert.Equal(new OrderStatus(order, OrderState.Cancelled, "not paid within 15 minutes"), await StatusAsync(flow, order));
        Assert.Null(await flow.AggregateAsync<OrderFulfilment>(order));
    }

    [Fact]
    public async Task Deadline_of_an_order_paid_in_time_is_skipped_without_a_dead_letter()
    {
        await using var flow = CreateHost();
        var order = await PlaceAsync(flow, FakePaymentProvider.WorkingCard);
        await flow.RunAsync(ChannelNames.Fulfilment);
        await flow.RunAsync(ChannelNames.Payments);
        await flow.RunAsync(ChannelNames.Fulfilment);
        flow.Recorded.Clear();

        var late = await flow.AdvanceTimeAndRunAsync(ChannelNames.Fulfilment, s_deadline);

        Assert.Equal(1, late[DeliveryOutcome.Handled]);
        Assert.Empty(flow.Recorded.Commands);
        Assert.Equal(OrderState.Shipped, (await StatusAsync(flow, order)).State);
        Assert.Equal(0, await flow.DeadLetters.CountAsync());
    }

    [Fact]
    public async Task Payment_captured_after_the_deadline_does_not_ship_the_cancelled_order()
    {
        await using var flow = CreateHost();
        var order = await PlaceAsync(flow, FakePaymentProvider.CardNeedingConfirmation);
        await flow.RunAsync(ChannelNames.Fulfilment);
        await flow.RunAsync(ChannelNames.Payments);
        await flow.AdvanceTimeAndRunAsync(ChannelNames.Fulfilment, s_deadline);

        // The customer confirms at last: the provider's answer reaches a saga that no longer exists.
        await flow.Events.PublishAsync(new PaymentCaptured(order, 30m));
        var run = await flow.RunAsync(ChannelNames.Fulfilment);

        Assert.Equal(1, run[DeliveryOutcome.Handled]);
        Assert.DoesNotContain(flow.Recorded.Commands, command => command is ShipOrder);
        Assert.Equal(OrderState.Cancelled, (await StatusAsync(flow, order)).State);
    }

    private static async Task<Guid> PlaceAsync(EstuaryTestHost flow, string paymentMethod) =>
        await flow.Commands.SendAsync(new PlaceOrder(Guid.NewGuid(), "Ada", 30m, paymentMethod));

    private static async Task<OrderStatus> StatusAsync(EstuaryTestHost flow, Guid order) =>
        await flow.Queries.SendAsync(new GetOrderStatus(order));
}
