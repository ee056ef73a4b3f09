using System;

namespace Estuary.Benchmarks.EventStore.OnMarten;

/// <summary>
/// The same state as the Estuary aggregate, as a Marten self-aggregating type (conventional
/// <c>Create</c>/<c>Apply</c> methods), for <c>AggregateStreamAsync&lt;MartenCart&gt;</c>.
/// </summary>
public sealed class MartenCart
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public string? Customer { get; set; }

    public int Lines { get; set; }

    public int Quantity { get; set; }

    public decimal Total { get; set; }

    public static MartenCart Create(CartOpened opened) => new() { Id = opened.CartId, Customer = opened.Customer };

    public void Apply(ItemAdded added)
    {
        Lines++;
        Quantity += added.Quantity;
        Total += added.Quantity * added.UnitPrice;
    }
}
