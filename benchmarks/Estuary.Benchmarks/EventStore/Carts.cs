using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

// The events both libraries store, and one aggregate per library built from them. The events are
// shared so that both store the same payload (about 100 bytes of JSON each, written by
// System.Text.Json in both libraries); each aggregate lives in its own namespace.
namespace Estuary.Benchmarks.EventStore;

/// <summary>The first event of a cart.</summary>
[NamedEvent("bench.cart-opened")]
public sealed record CartOpened(Guid CartId, string Customer);

/// <summary>The event every append and import writes: a line added to a cart.</summary>
[NamedEvent("bench.item-added")]
public sealed record ItemAdded(Guid CartId, string Sku, int Quantity, decimal UnitPrice);

/// <summary>Makes the events of the suites.</summary>
public static class CartEvents
{
    /// <summary>Line <paramref name="line"/> of cart <paramref name="cartId"/>: a stable SKU and price per line, so payloads are the same size in every row.</summary>
    public static ItemAdded Item(Guid cartId, long line) => new(cartId, "SKU-" + (line % 100_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture), 1 + (int)(line % 5), 9.99m + line % 10);
}

[JsonSerializable(typeof(CartOpened))]
[JsonSerializable(typeof(ItemAdded))]
public sealed partial class CartJson : JsonSerializerContext;

/// <summary>Commands of the Estuary aggregate; the suites call its repository directly, not these.</summary>
public sealed record OpenCart(Guid CartId, string Customer);

/// <summary>Adds a line to a cart.</summary>
public sealed record AddItem(Guid CartId, string Sku, int Quantity, decimal UnitPrice);

/// <summary>
/// A small generated event-sourced aggregate: <c>EventSourcedRepository&lt;Cart&gt;</c> replays its
/// stream through the generated apply switch. No snapshots, so a load replays every event, as
/// Marten's live aggregation does.
/// </summary>
[EventSourcingAggregate]
[AggregateType("bench.cart")]
[Stream("carts")]
public sealed class Cart
{
    [Identifier]
    public Guid CartId { get; set; }

    [AggregateVersion]
    public long Version { get; set; }

    public string? Customer { get; set; }

    public int Lines { get; set; }

    public int Quantity { get; set; }

    public decimal Total { get; set; }

    [CommandHandler]
    public static CartOpened Open(OpenCart command) => new(command.CartId, command.Customer);

    [CommandHandler]
    public IEnumerable<object> Add(AddItem command)
    {
        yield return new ItemAdded(CartId, command.Sku, command.Quantity, command.UnitPrice);
    }

    [EventSourcingHandler]
    public void On(CartOpened opened)
    {
        CartId = opened.CartId;
        Customer = opened.Customer;
    }

    [EventSourcingHandler]
    public void On(ItemAdded added)
    {
        Lines++;
        Quantity += added.Quantity;
        Total += added.Quantity * added.UnitPrice;
    }
}
