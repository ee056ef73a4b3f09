using System;
using Estuary.Benchmarks.EventStore;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Estuary.Benchmarks.Projections;

/// <summary>The same totals as <see cref="CartTotals"/>, one Marten document per cart stream.</summary>
public sealed class MartenCartTotals
{
    public Guid Id { get; set; }

    public int Lines { get; set; }

    public int Quantity { get; set; }

    public decimal Total { get; set; }
}

/// <summary>
/// Marten's single-stream projection of <see cref="MartenCartTotals"/>, written with an explicit
/// <c>Evolve</c> (no conventional methods, no generated code at run time), as Marten's docs show it.
/// </summary>
public sealed class MartenCartTotalsProjection : SingleStreamProjection<MartenCartTotals, Guid>
{
    public override MartenCartTotals? Evolve(MartenCartTotals? snapshot, Guid id, IEvent e)
    {
        if (e.Data is ItemAdded added)
        {
            snapshot ??= new MartenCartTotals { Id = id };
            snapshot.Lines++;
            snapshot.Quantity += added.Quantity;
            snapshot.Total += added.Quantity * added.UnitPrice;
        }

        return snapshot;
    }
}
