using System;
using System.Collections.Generic;
using System.Linq;

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

    /// <summary>
    /// Up to where the projection had handled events before it was last reset: handling them again
    /// replays them, and <see cref="ProjectionEmitter"/> emits nothing for them. <see cref="AllPosition.Start"/>: no replay.
    /// </summary>
    public AllPosition ReplayUntil { get; init; } = AllPosition.Start;

    /// <summary>The projection's <see cref="ProjectionStateAttribute"/> state as UTF-8 JSON, saved with its position; null before any handler took it.</summary>
    public byte[]? State { get; init; }

    /// <summary>
    /// When this version took over from the older versions of its projection (see <see cref="ProjectionAttribute.Version"/>);
    /// null for a version that never did (the first one is live without taking over).
    /// </summary>
    public DateTimeOffset? TookOverAt { get; init; }

    /// <summary>What the projection had handled: up to its position, and every event of the transactions it handled ahead.</summary>
    internal AllPosition HandledUntil => Ahead.Count == 0 ? Position : new AllPosition(Ahead.Max(), long.MaxValue);

    /// <summary>A projection that never ran.</summary>
    public static ProjectionRecord New(string name, DateTimeOffset now) => new(name, AllPosition.Start, Initialized: false, now);
}
