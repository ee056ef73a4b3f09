using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Estuary;

namespace OrderSaga;

/// <summary>The saga's own event: the payment was asked for, and must arrive by <paramref name="Due"/>.</summary>
public sealed record PaymentRequested(Guid OrderId, DateTimeOffset Due);

public sealed record GetFulfilmentStatus(Guid OrderId);

public sealed record FulfilmentStatus(Guid OrderId, decimal Amount, DateTimeOffset PaymentDue);

/// <summary>
/// Takes a placed order to shipped or cancelled. It lives from <see cref="OrderPlaced"/> until the
/// payment's outcome or its deadline, and remembers the order in between. Estuary stores it like an
/// aggregate (loaded before each handler, saved after) and removes it once <see cref="Completed"/> is set.
/// </summary>
/// <remarks>
/// Every handler that changes the saga is asynchronous, on the "fulfilment" channel: each runs in the
/// unit of work of its message, so the new state and the messages the handler sends are stored
/// together or not at all (on PostgreSQL, in one transaction).
/// </remarks>
[Saga(Name = "order-fulfilment")]
public sealed class OrderFulfilment
{
    /// <summary>How long the customer has to pay.</summary>
    public const int PaymentDeadlineMinutes = 15;

    [Identifier]
    public Guid OrderId { get; set; }

    public decimal Amount { get; set; }

    public DateTimeOffset PaymentDue { get; set; }

    [SagaCompleted]
    public bool Completed { get; set; }

    // Private, so not part of the stored state: the events of the message being handled.
    private readonly List<object> _recorded = [];

    [AggregateEvents]
    public IEnumerable<object> RecordedEvents() => _recorded;

    // A static handler returning the saga starts it: ask for the payment, and start the deadline's clock.
    [Asynchronous(ChannelNames.Fulfilment)]
    [EventHandler(EndpointId = "fulfilment.start")]
    public static async Task<OrderFulfilment> Start(OrderPlaced placed, ICommandBus commands, TimeProvider clock, Story story)
    {
        var saga = new OrderFulfilment
        {
            OrderId = placed.OrderId,
            Amount = placed.Amount,
            PaymentDue = clock.GetUtcNow().AddMinutes(PaymentDeadlineMinutes),
        };
        await commands.SendAsync(new CapturePayment(placed.OrderId, placed.Amount, placed.PaymentMethod));
        saga._recorded.Add(new PaymentRequested(placed.OrderId, saga.PaymentDue));
        story.Tell(placed.OrderId, "fulfilment", $"payment of {placed.Amount:0.00} requested, due by {saga.PaymentDue:HH:mm}");
        return saga;
    }

    // Instance handlers run on the saga the event's OrderId names; an event for a saga that does not
    // exist (never started, or completed) is skipped.
    [Asynchronous(ChannelNames.Fulfilment)]
    [EventHandler(EndpointId = "fulfilment.payment-captured")]
    public async Task OnPaymentCaptured(PaymentCaptured captured, ICommandBus commands, Story story)
    {
        story.Tell(OrderId, "fulfilment", "paid: shipping");
        await commands.SendAsync(new ShipOrder(OrderId));
        Completed = true;
    }

    [Asynchronous(ChannelNames.Fulfilment)]
    [EventHandler(EndpointId = "fulfilment.payment-failed")]
    public Task OnPaymentFailed(PaymentFailed failed, ICommandBus commands, Story story) =>
        CancelAsync(failed.Reason, commands, story);

    // The timeout: the saga's own PaymentRequested event, delivered again once the deadline has passed.
    // It needs no check of the state: a saga that was paid or cancelled in time has left the store, so
    // Estuary skips the late event and this method never runs for it.
    [Asynchronous(ChannelNames.Fulfilment)]
    [Delayed(PaymentDeadlineMinutes * 60_000)]
    [EventHandler(EndpointId = "fulfilment.payment-deadline")]
    public Task OnPaymentDeadline(PaymentRequested requested, ICommandBus commands, Story story) =>
        CancelAsync($"not paid within {PaymentDeadlineMinutes} minutes", commands, story);

    // Queries cannot be asynchronous: they load the saga and answer at once. A completed saga is gone,
    // so this throws AggregateNotFoundException for it; ask the order (GetOrderStatus) instead.
    [QueryHandler]
    public FulfilmentStatus Status(GetFulfilmentStatus query) => new(OrderId, Amount, PaymentDue);

    private async Task CancelAsync(string reason, ICommandBus commands, Story story)
    {
        story.Tell(OrderId, "fulfilment", "cancelling: " + reason);
        await commands.SendAsync(new CancelOrder(OrderId, reason));
        Completed = true;
    }
}
