using System;

namespace Estuary;

/// <summary>
/// What a projection store keeps for one partition of a partitioned projection: one stream, with its
/// own position (the stream version handled up to), lock and failures.
/// </summary>
/// <param name="Projection">The projection.</param>
/// <param name="Key">The partition: the stream's id.</param>
/// <param name="Version">The last version of the stream its handlers committed: the next batch reads after it.</param>
/// <param name="Due">The stream's version as last seen by discovery: the partition is behind while <see cref="Version"/> is below it.</param>
public sealed record PartitionRecord(string Projection, string Key, long Version, long Due)
{
    /// <summary>Since when it is behind: batches take the partitions behind longest first, so none is starved.</summary>
    public DateTimeOffset DueSince { get; init; }

    /// <summary>Up to which version it had handled its stream before its last reset: handling those again replays them (no emission).</summary>
    public long ReplayUntil { get; init; }

    /// <summary>Its <see cref="ProjectionStateAttribute"/> state as UTF-8 JSON, saved with its version; null before any handler took it.</summary>
    public byte[]? State { get; init; }

    /// <summary>How many batches failed on it in a row (0 once one succeeds).</summary>
    public int Attempts { get; init; }

    /// <summary>While set and in the future, batches pass it over (the back-off after a failure).</summary>
    public DateTimeOffset? RetryAt { get; init; }

    /// <summary>Why the last batch on it failed, while it keeps failing.</summary>
    public string? Error { get; init; }

    /// <summary>When it was last written (the store's clock).</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Whether its stream has events it did not handle yet.</summary>
    public bool IsBehind => Version < Due;

    /// <summary>A partition that never ran.</summary>
    public static PartitionRecord New(string projection, string key, DateTimeOffset now) =>
        new(projection, key, 0, 0) { DueSince = now, UpdatedAt = now };
}

/// <summary>A stream version discovery saw for a partition: the partition is due up to it.</summary>
/// <param name="Key">The partition (stream id).</param>
/// <param name="Version">The stream's version seen.</param>
public readonly record struct PartitionDue(string Key, long Version);

/// <summary>How many partitions a partitioned projection has, how many are behind and how many are failing.</summary>
/// <param name="Count">Partitions known (streams discovered).</param>
/// <param name="Behind">Partitions with events not handled yet.</param>
/// <param name="Failing">Partitions whose last batch failed.</param>
/// <param name="EventsBehind">Events discovered in their streams and not handled yet.</param>
public sealed record PartitionCounts(long Count, long Behind, long Failing, long EventsBehind);
