using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using Estuary;

namespace OrderSaga;

public sealed record PlaceOrder(Guid OrderId, string Customer, decimal Amount, string PaymentMethod);

public sealed record ShipOrder(Guid OrderId);

public sealed record CancelOrder(Guid OrderId, string Reason);

public sealed record GetOrderStatus(Guid OrderId);

/// <summary>The fact the saga starts from. It carries what the saga needs, so the saga never reads the order.</summary>
public sealed record OrderPlaced(Guid OrderId, decimal Amount, string PaymentMethod);

public sealed record OrderStatus(Guid OrderId, OrderState State, string? CancelReason);

// Stored as "Shipped" rather than 1, so the JSON in the document store reads well.
[JsonConverter(typeof(JsonStringEnumConverter<OrderState>))]
public enum OrderState
{
    Placed,
    Shipped,
    Cancelled,
}

/// <summary>
/// The order itself: what was bought and where it stands. It knows nothing about payments; the
/// <see cref="OrderFulfilment"/> saga tells it to ship or to cancel.
/// </summary>
[Aggregate(Name = "orders")]
public sealed class Order
{
    [Identifier]
    public Guid OrderId { get; set; }

    public string Customer { get; set; } = string.Empty;

    public decimal Amount { get; set; }

    public OrderState State { get; set; }

    public string? CancelReason { get; set; }

    // Private, so not part of the stored state: the events of the command being handled.
    private readonly List<object> _recorded = [];

    [AggregateEvents]
    public IEnumerable<object> RecordedEvents() => _recorded;

    // Recorded rather than published here: Estuary publishes it after the order is stored, so the saga
    // never hears of an order that was not saved.
    [CommandHandler]
    public static Order Place(PlaceOrder command, Story story)
    {
        var order = new Order { OrderId = command.OrderId, Customer = command.Customer, Amount = command.Amount, State = OrderState.Placed };
        order._recorded.Add(new OrderPlaced(command.OrderId, command.Amount, command.PaymentMethod));
        story.Tell(command.OrderId, "orders", $"{command.Customer} placed an order of {command.Amount:0.00}");
        return order;
    }

    [CommandHandler]
    public void Ship(ShipOrder command, Story story)
    {
        EnsurePlaced("ship");
        State = OrderState.Shipped;
        story.Tell(OrderId, "orders", "shipped");
    }

    [CommandHandler]
    public void Cancel(CancelOrder command, Story story)
    {
        EnsurePlaced("cancel");
        State = OrderState.Cancelled;
        CancelReason = command.Reason;
        story.Tell(OrderId, "orders", "cancelled");
    }

    [QueryHandler]
    public OrderStatus Status(GetOrderStatus query) => new(OrderId, State, CancelReason);

    // The order's own rule, whoever sends the command: a shipped or cancelled order stays so.
    private void EnsurePlaced(string action)
    {
        if (State != OrderState.Placed)
        {
            throw new InvalidOperationException($"Cannot {action} order {OrderId}: it is already {State}.");
        }
    }
}
