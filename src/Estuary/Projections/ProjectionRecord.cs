using System;
using System.Collections.Generic;

namespace Estuary;

/// <summary>What a projection store keeps for one projection.</summary>
/// <param name="Name">The projection.</param>
/// <param name="Position">The last event it committed: the next batch reads after it.</param>
/// <param name="Initialized">Whether its initialization hook ran since it was created, reset or deleted.</param>
/// <param name="UpdatedAt">When a batch or an operation last committed (the store's clock).</param>
public sealed record ProjectionRecord(string Name, AllPosition Position, bool Initialized, DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// Transactions after <see cref="Position"/> whose events a synchronous run already handled (in the
    /// transaction that appended them): later batches pass over their events, and forget them once past.
    /// </summary>
    public IReadOnlyList<ulong> Ahead { get; init; } = [];

    /// <summary>A projection that never ran.</summary>
    public static ProjectionRecord New(string name, DateTimeOffset now) => new(name, AllPosition.Start, Initialized: false, now);
}
