using System;
using System.Text.Json.Serialization;
using Estuary;

namespace Quickstart;

// Messages that cross a channel, stored events and snapshots are serialized with System.Text.Json
// source-generated metadata.
[JsonSerializable(typeof(OrderPlaced))]
[JsonSerializable(typeof(PointsEarned))]
[JsonSerializable(typeof(PointsRedeemed))]
[JsonSerializable(typeof(LoyaltyCard))]
internal sealed partial class QuickstartJson : JsonSerializerContext;

/// <summary>
/// Asynchronous subscribers: each gets its own copy of <see cref="OrderPlaced"/> through the
/// "fulfilment" channel and is called by that channel's consumer, with its own retries.
/// </summary>
public sealed class Fulfilment(Carrier carrier, Journal journal)
{
    // Retried once at once, then up to twice after a delay (100 ms, then 200 ms).
    [Asynchronous("fulfilment")]
    [EventHandler(EndpointId = "fulfilment.ship")]
    [Retry(Instant = 1, Delayed = 2, InitialDelayMilliseconds = 100, Multiplier = 2)]
    public void Ship(OrderPlaced @event, MessageContext context)
    {
        carrier.Book(@event.OrderId);
        journal.Write($"Fulfilment.Ship: {@event.Product} shipped (correlation {context.CorrelationId.ToString()[..8]})");
    }

    // No retries: the first failure puts the message in the dead letter.
    [Asynchronous("fulfilment")]
    [EventHandler(EndpointId = "fulfilment.invoice")]
    [Retry(Instant = 0, Delayed = 0)]
    public void Invoice(OrderPlaced @event)
    {
        if (carrier.InvoicingOffline)
        {
            throw new InvalidOperationException("invoicing service offline");
        }

        journal.Write($"Fulfilment.Invoice: invoice sent for {@event.Quantity} x {@event.Product}");
    }
}

/// <summary>A flaky dependency: the first two bookings time out.</summary>
public sealed class Carrier(Journal journal)
{
    private int _calls;

    public bool InvoicingOffline { get; set; } = true;

    public void Book(Guid orderId)
    {
        if (++_calls <= 2)
        {
            journal.Write($"Carrier.Book: attempt {_calls} timed out");
            throw new TimeoutException("carrier timeout");
        }
    }
}
