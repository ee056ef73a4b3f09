using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Runtime;

namespace Estuary;

/// <summary>
/// Runs a partitioned projection: one partition per stream, each with its own position (the stream
/// version it handled up to), lock and failures. Discovery reads the store's order of all events after
/// the projection's position (never skipping a late commit) only to learn which streams grew, and marks
/// their partitions due; batches then take due partitions (each held by one worker at a time, across
/// processes), load their events from their streams in one read and commit the read model with their
/// new versions. A partition whose events fail is rolled back, backs off and is tried again by itself,
/// while the others go on.
/// </summary>
internal sealed class PartitionedProjectionRunner(IEventStore events, IProjectionStore store, ProjectionHandling handling)
{
    /// <summary>The wait before a failed partition is tried again, doubled at each failure up to <see cref="MaxRetryDelay"/>.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two tries of a partition that keeps failing.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(5);

    private const int MaxErrorLength = 2000;

    /// <summary>How many partitions one batch takes at most: enough for a batch's events when streams are short.</summary>
    public static int PartitionsPerBatch(ProjectionDefinition projection) => Math.Clamp(projection.BatchSize / 10, 1, 100);

    /// <summary>
    /// Reads one page of the store's order after the projection's position and marks the partitions of
    /// the streams it grew as due, moving the position past the page, in one transaction (running the
    /// initialization hook first the first time). <see cref="PartitionDiscovery.Busy"/> when another holds the projection and <paramref name="wait"/> is off.
    /// </summary>
    public async Task<PartitionDiscovery> DiscoverAsync(ProjectionDefinition projection, bool wait, CancellationToken cancellationToken) =>
        await handling.InUnitOfWorkAsync(joinCurrent: false, async token =>
        {
            if (await store.LockAsync(projection.Name, wait, token).ConfigureAwait(false) is not { } stored)
            {
                return null;
            }

            var record = stored;
            if (!record.Initialized)
            {
                await projection.InitializeAsync(MessageContext.Current!.ScopedServices(), token).ConfigureAwait(false);
                record = record with { Initialized = true };
            }

            var page = await events.ReadAllAsync(record.Position, projection.BatchSize, token).ConfigureAwait(false);
            var due = page.Events
                .Where(e => projection.Reads(e.StreamId))
                .GroupBy(static e => e.StreamId, StringComparer.Ordinal)
                .Select(static g => new PartitionDue(g.Key, g.Max(static e => e.StreamVersion)))
                .ToArray();
            if (due.Length > 0)
            {
                await store.MarkDueAsync(projection.Name, due, token).ConfigureAwait(false);
            }

            record = record with { Position = page.Next };
            if (record != stored)
            {
                await store.SaveAsync(record, token).ConfigureAwait(false);
            }

            return new PartitionDiscovery(page.Events.Count, due.Length, record.Position, CaughtUp: page.Events.Count < projection.BatchSize);
        }, cancellationToken).ConfigureAwait(false) ?? PartitionDiscovery.Busy;

    /// <summary>
    /// Takes the partitions behind longest (up to <see cref="PartitionsPerBatch"/>, passing over those
    /// others hold or that back off), reads their streams after their versions in one read, hands the
    /// events to the handlers, flushes and saves the partitions, in one transaction. When that fails, the
    /// partitions are run again one by one, so only the failing one records the failure and backs off.
    /// </summary>
    public async Task<PartitionsBatch> RunDueAsync(ProjectionDefinition projection, CancellationToken cancellationToken)
    {
        IReadOnlyList<PartitionRecord> claimed = [];
        var limit = PartitionsPerBatch(projection);
        try
        {
            return (await handling.InUnitOfWorkAsync(joinCurrent: false, async token =>
            {
                claimed = await store.ClaimDueAsync(projection.Name, limit, token).ConfigureAwait(false);
                if (claimed.Count == 0)
                {
                    return PartitionsBatch.None;
                }

                var slices = claimed.Select(static p => new StreamSlice(p.Key, p.Version)).ToArray();
                var read = (await events.ReadStreamsAsync(slices, projection.BatchSize, token).ConfigureAwait(false)).ToLookup(static e => e.StreamId, StringComparer.Ordinal);
                var saved = new List<PartitionRecord>(claimed.Count);
                var handled = 0;
                foreach (var partition in claimed)
                {
                    var (after, count) = await HandleAsync(projection, partition, [.. read[partition.Key]], token).ConfigureAwait(false);
                    saved.Add(after);
                    handled += count;
                }

                await FlushAndSaveAsync(projection, saved, handled, token).ConfigureAwait(false);
                return new PartitionsBatch(claimed.Count, handled, Failed: 0, More: claimed.Count == limit || saved.Any(static p => p.IsBehind));
            }, cancellationToken).ConfigureAwait(false))!;
        }
        catch (Exception) when (claimed.Count > 0 && !cancellationToken.IsCancellationRequested)
        {
            // The batch rolled back as a whole; one partition's failure must stay its own.
            return await IsolateAsync(projection, claimed, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs one partition in a transaction of its own, reading its stream until it caught up; a failure
    /// is recorded on the partition (it backs off) and reported as <see cref="PartitionsBatch.Failed"/>.
    /// </summary>
    public async Task<PartitionsBatch> RunOneAsync(ProjectionDefinition projection, string key, CancellationToken cancellationToken)
    {
        try
        {
            return await handling.InUnitOfWorkAsync(joinCurrent: false, async token =>
            {
                if (await store.LockPartitionAsync(projection.Name, key, wait: false, token).ConfigureAwait(false) is not { } partition)
                {
                    return null;
                }

                var (after, handled) = await CatchUpAsync(projection, partition, appended: [], token).ConfigureAwait(false);
                await FlushAndSaveAsync(projection, [after], handled, token).ConfigureAwait(false);
                return new PartitionsBatch(1, handled, Failed: 0, More: false);
            }, cancellationToken).ConfigureAwait(false) ?? PartitionsBatch.None;
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            await RecordFailureAsync(projection, key, error, cancellationToken).ConfigureAwait(false);
            return new PartitionsBatch(1, 0, Failed: 1, More: false);
        }
    }

    /// <summary>
    /// Runs the partitions of the streams an event-sourced repository just appended to, in the appending
    /// unit of work when the store can write in its transaction (else in one of its own right after):
    /// each partition waits for its lock, reads its stream after its version, and handles what the store
    /// shows and the appended events it cannot show yet. A failure fails the append.
    /// </summary>
    public async Task<PartitionsBatch> RunSynchronousAsync(ProjectionDefinition projection, IReadOnlyList<RecordedEvent> appended, CancellationToken cancellationToken) =>
        await handling.InUnitOfWorkAsync(joinCurrent: true, async token =>
        {
            var saved = new List<PartitionRecord>();
            var handled = 0;
            foreach (var stream in appended.Where(e => projection.Reads(e.StreamId)).GroupBy(static e => e.StreamId, StringComparer.Ordinal).OrderBy(static g => g.Key, StringComparer.Ordinal))
            {
                var partition = await store.LockPartitionAsync(projection.Name, stream.Key, wait: true, token).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"The projection store returned no partition '{stream.Key}' of '{projection.Name}' although it was asked to wait.");
                var (after, count) = await CatchUpAsync(projection, partition, [.. stream], token).ConfigureAwait(false);
                saved.Add(after);
                handled += count;
            }

            await FlushAndSaveAsync(projection, saved, handled, token).ConfigureAwait(false);
            return new PartitionsBatch(saved.Count, handled, Failed: 0, More: false);
        }, cancellationToken).ConfigureAwait(false) ?? PartitionsBatch.None;

    /// <summary>
    /// Rebuilds one partition while the others keep running: in one transaction holding the partition,
    /// runs the partition reset hook, moves it back to the start of its stream and handles the whole
    /// stream again (replayed: nothing is emitted). Readers see the old rows until it commits.
    /// </summary>
    public async Task<PartitionsBatch> RebuildOneAsync(ProjectionDefinition projection, string key, CancellationToken cancellationToken) =>
        await handling.InUnitOfWorkAsync(joinCurrent: false, async token =>
        {
            var partition = await store.LockPartitionAsync(projection.Name, key, wait: true, token).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The projection store returned no partition '{key}' of '{projection.Name}' although it was asked to wait.");
            await projection.ResetPartitionAsync(key, MessageContext.Current!.ScopedServices(), token).ConfigureAwait(false);
            var reset = partition with
            {
                Version = 0,
                Due = Math.Max(partition.Due, partition.Version),
                ReplayUntil = Math.Max(partition.ReplayUntil, partition.Version),
                State = null,
            };
            var (after, handled) = await CatchUpAsync(projection, reset, appended: [], token).ConfigureAwait(false);
            await FlushAndSaveAsync(projection, [after], handled, token).ConfigureAwait(false);
            return new PartitionsBatch(1, handled, Failed: 0, More: false);
        }, cancellationToken).ConfigureAwait(false) ?? PartitionsBatch.None;

    private async Task<PartitionsBatch> IsolateAsync(ProjectionDefinition projection, IReadOnlyList<PartitionRecord> claimed, CancellationToken cancellationToken)
    {
        var (handled, failed) = (0, 0);
        foreach (var partition in claimed)
        {
            var one = await RunOneAsync(projection, partition.Key, cancellationToken).ConfigureAwait(false);
            (handled, failed) = (handled + one.Handled, failed + one.Failed);
        }

        return new PartitionsBatch(claimed.Count, handled, failed, More: true);
    }

    // Reads the partition's stream after its version, page by page, until it has seen every event the
    // store shows; then the appended events past that (those of a transaction the store cannot show yet).
    private async Task<(PartitionRecord Partition, int Handled)> CatchUpAsync(ProjectionDefinition projection, PartitionRecord partition, IReadOnlyList<RecordedEvent> appended, CancellationToken cancellationToken)
    {
        var handled = 0;
        while (true)
        {
            var read = await events.ReadStreamAsync(partition.Key, ReadDirection.Forwards, partition.Version + 1, projection.BatchSize, cancellationToken).ConfigureAwait(false);
            (partition, var count) = await HandleAsync(projection, partition, read, cancellationToken).ConfigureAwait(false);
            handled += count;
            if (read.Count < projection.BatchSize)
            {
                break;
            }
        }

        var ahead = appended.Where(e => e.StreamVersion > partition.Version).OrderBy(static e => e.StreamVersion).ToArray();
        if (ahead.Length > 0)
        {
            (partition, var count) = await HandleAsync(projection, partition, ahead, cancellationToken).ConfigureAwait(false);
            handled += count;
        }

        return (partition, handled);
    }

    // Hands the partition's events (its stream's, after its version, in order) to the handlers and
    // returns the partition moved past them, its failures cleared.
    private async Task<(PartitionRecord Partition, int Handled)> HandleAsync(ProjectionDefinition projection, PartitionRecord partition, IReadOnlyList<RecordedEvent> read, CancellationToken cancellationToken)
    {
        var state = handling.State(partition.State);
        var (version, handled) = (partition.Version, 0);
        foreach (var recorded in read)
        {
            if (recorded.StreamVersion <= version)
            {
                continue;
            }

            if (await handling.HandleAsync(projection, recorded, replaying: recorded.StreamVersion <= partition.ReplayUntil, state, cancellationToken).ConfigureAwait(false))
            {
                handled++;
            }

            version = recorded.StreamVersion;
        }

        var after = partition with
        {
            Version = version,

            // Nothing left to read below what discovery saw: the stream was deleted; there is nothing to wait for.
            Due = read.Count == 0 ? Math.Min(partition.Due, version) : partition.Due,
            State = state.Touched ? state.Serialize() : partition.State,
            Attempts = 0,
            RetryAt = null,
            Error = null,
        };

        // Still behind (a long stream): to the back of the line, so other partitions get their turn.
        return (after.IsBehind ? after with { DueSince = handling.Runtime.TimeProvider.GetUtcNow() } : after, handled);
    }

    private async Task FlushAndSaveAsync(ProjectionDefinition projection, IReadOnlyList<PartitionRecord> partitions, int handled, CancellationToken cancellationToken)
    {
        if (handled > 0)
        {
            await projection.FlushAsync(MessageContext.Current!.ScopedServices(), cancellationToken).ConfigureAwait(false);
        }

        if (partitions.Count > 0)
        {
            await store.SavePartitionsAsync(partitions, cancellationToken).ConfigureAwait(false);
        }
    }

    // In a transaction of its own (the failed one rolled back): counts the failure, keeps why, and sets
    // when to try again, doubling the wait at each failure in a row.
    private async Task RecordFailureAsync(ProjectionDefinition projection, string key, Exception error, CancellationToken cancellationToken) =>
        await handling.InUnitOfWorkAsync(joinCurrent: false, async token =>
        {
            var partition = await store.LockPartitionAsync(projection.Name, key, wait: true, token).ConfigureAwait(false);
            if (partition is null)
            {
                return null;
            }

            var attempts = partition.Attempts + 1;
            var now = handling.Runtime.TimeProvider.GetUtcNow();
            var delay = TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, FirstRetryDelay.Ticks << Math.Min(attempts - 1, 20)));
            var reason = $"{error.GetType().Name}: {error.Message}";
            await store.SavePartitionsAsync(
                [partition with { Attempts = attempts, RetryAt = now + delay, Error = reason.Length > MaxErrorLength ? reason[..MaxErrorLength] : reason, DueSince = now }],
                token).ConfigureAwait(false);
            return partition;
        }, cancellationToken).ConfigureAwait(false);
}

/// <summary>What one discovery step of a partitioned projection did.</summary>
/// <param name="Read">Events of the store read.</param>
/// <param name="Partitions">Partitions found grown (marked due).</param>
/// <param name="Position">The projection's position after it.</param>
/// <param name="CaughtUp">Whether it read fewer events than it could: nothing more is visible now.</param>
internal sealed record PartitionDiscovery(int Read, int Partitions, AllPosition Position, bool CaughtUp)
{
    /// <summary>Another discovery held the projection: nothing was done.</summary>
    public static PartitionDiscovery Busy { get; } = new(0, 0, AllPosition.Start, CaughtUp: false) { WasBusy = true };

    public bool WasBusy { get; private init; }
}

/// <summary>What one batch of partitions did.</summary>
/// <param name="Claimed">Partitions taken.</param>
/// <param name="Handled">Events handed to the handlers (of the batches that committed).</param>
/// <param name="Failed">Partitions whose events failed (recorded on them; they back off).</param>
/// <param name="More">Whether partitions may be left to take now.</param>
internal sealed record PartitionsBatch(int Claimed, int Handled, int Failed, bool More)
{
    public static PartitionsBatch None { get; } = new(0, 0, 0, More: false);
}
