using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Runtime;

namespace Estuary;

/// <summary>
/// Runs one batch of a projection as one unit of work: take the projection (its row lock), run the
/// initialization hook the first time, read the next events of the store after its position, hand
/// each event of its streams to the endpoints that take it, flush, save the new position, commit.
/// Anything that throws rolls the whole batch back, position included: the next batch reads the same
/// events again. Batches of one projection never overlap (a lock per projection in the process, the
/// store's lock across processes).
/// </summary>
internal sealed class ProjectionRunner(IEventStore events, IProjectionStore store, ProjectionHandling handling, ProjectionVersions versions)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _running = new(StringComparer.Ordinal);

    /// <summary>Runs one batch; <see cref="ProjectionBatch.Busy"/> when another batch of the projection holds it.</summary>
    public async Task<ProjectionBatch> RunBatchAsync(ProjectionDefinition projection, CancellationToken cancellationToken)
    {
        var running = Gate(projection);
        if (!await running.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return ProjectionBatch.Busy;
        }

        try
        {
            return await handling.InUnitOfWorkAsync(joinCurrent: false, token => RunBatchInCurrentAsync(projection, wait: false, token), cancellationToken).ConfigureAwait(false)
                ?? ProjectionBatch.Busy;
        }
        finally
        {
            running.Release();
        }
    }

    /// <summary>
    /// Runs one batch for a trigger, waiting for a batch that holds the projection: that batch may have
    /// read before the trigger's events were committed, so giving up would leave them unread. The batch
    /// joins the current unit of work (the trigger's delivery) when the store can write in its
    /// transaction, so the position, the read model and the trigger's acknowledgement commit together.
    /// </summary>
    public async Task<ProjectionBatch> RunTriggeredAsync(ProjectionDefinition projection, CancellationToken cancellationToken)
    {
        var running = Gate(projection);
        await running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await handling.InUnitOfWorkAsync(joinCurrent: true, token => RunBatchInCurrentAsync(projection, wait: true, token), cancellationToken).ConfigureAwait(false)
                ?? throw NoRecord(projection);
        }
        finally
        {
            running.Release();
        }
    }

    /// <summary>
    /// Runs a synchronous projection for events just appended, in the appending unit of work when the
    /// store can write in its transaction (else in one of its own, right after the append): catch up to
    /// every event visible now, then handle the appended events that the catch-up could not see (the
    /// appending transaction is still open, so the store's order of all events withholds them) and record
    /// their transaction as handled ahead of the position. The position itself never passes a transaction
    /// that may still commit, so nothing is skipped; later batches pass over the events handled ahead.
    /// </summary>
    public async Task<ProjectionBatch> RunSynchronousAsync(ProjectionDefinition projection, IReadOnlyList<RecordedEvent> appended, CancellationToken cancellationToken)
    {
        var running = Gate(projection);
        await running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await handling.InUnitOfWorkAsync(joinCurrent: true, token => RunSynchronousInCurrentAsync(projection, appended, token), cancellationToken).ConfigureAwait(false)
                ?? throw NoRecord(projection);
        }
        finally
        {
            running.Release();
        }
    }

    /// <summary>
    /// Switches to a building version of a projection: in one unit of work holding both its record and
    /// the live version's (which stops while it is held; when busy, nothing happens), reads the events
    /// left up to the live version's position (one page at most: further behind, the switch waits for
    /// the version's own batches), and when it stands exactly where the live version does, records that
    /// it took over. From then on the older versions are retired. Events up to there were emitted by the
    /// live version; the new one replays them if a reset ever reads them again, and emits what follows.
    /// Returns whether it took over.
    /// </summary>
    public async Task<bool> TakeOverAsync(ProjectionDefinition projection, CancellationToken cancellationToken)
    {
        var running = Gate(projection);
        await running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await handling.InUnitOfWorkAsync(joinCurrent: false, token => TakeOverInCurrentAsync(projection, token), cancellationToken).ConfigureAwait(false) is not null;
        }
        finally
        {
            running.Release();
        }
    }

    /// <summary>Runs <paramref name="operation"/> on the projection's record in a unit of work of its own, waiting for a running batch to end.</summary>
    public async Task OperateAsync(ProjectionDefinition projection, Func<ProjectionRecord, IServiceProvider, CancellationToken, ValueTask> operation, CancellationToken cancellationToken)
    {
        var running = Gate(projection);
        await running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await handling.InUnitOfWorkAsync(joinCurrent: false, async token =>
            {
                var record = await store.LockAsync(projection.Name, wait: true, token).ConfigureAwait(false) ?? throw NoRecord(projection);
                await operation(record, MessageContext.Current!.ScopedServices(), token).ConfigureAwait(false);
                return record;
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            running.Release();
        }
    }

    // Batches of one projection in this process take turns; the store's lock serializes processes.
    private SemaphoreSlim Gate(ProjectionDefinition projection) => _running.GetOrAdd(projection.Name, static _ => new SemaphoreSlim(1, 1));

    private static InvalidOperationException NoRecord(ProjectionDefinition projection) =>
        new($"The projection store returned no record for '{projection.Name}' although it was asked to wait.");

    private async Task<ProjectionBatch?> RunBatchInCurrentAsync(ProjectionDefinition projection, bool wait, CancellationToken cancellationToken)
    {
        if (await TakeAsync(projection, wait, cancellationToken).ConfigureAwait(false) is not { } taken)
        {
            return null;
        }

        if (taken.Standing.Phase == ProjectionPhase.Retired)
        {
            // A newer version took over: this one reads nothing more.
            return new ProjectionBatch(0, 0, taken.Stored.Position, CaughtUp: true);
        }

        var (record, read, handled) = await HandlePageAsync(projection, taken, cancellationToken).ConfigureAwait(false);
        if (handled > 0)
        {
            await projection.FlushAsync(MessageContext.Current!.ScopedServices(), cancellationToken).ConfigureAwait(false);
        }

        if (taken.State.Touched)
        {
            record = record with { State = taken.State.Serialize() };
        }

        if (record != taken.Stored)
        {
            await store.SaveAsync(record, cancellationToken).ConfigureAwait(false);
        }

        return new ProjectionBatch(read, handled, record.Position, CaughtUp: read < projection.BatchSize);
    }

    private async Task<ProjectionBatch?> RunSynchronousInCurrentAsync(ProjectionDefinition projection, IReadOnlyList<RecordedEvent> appended, CancellationToken cancellationToken)
    {
        if (await TakeAsync(projection, wait: true, cancellationToken).ConfigureAwait(false) is not { } taken)
        {
            return null;
        }

        if (taken.Standing.Phase != ProjectionPhase.Live)
        {
            // Retired, or building: a building version must not pass the live one, so the worker's batches
            // catch it up; it runs with the appends once it took over.
            return new ProjectionBatch(0, 0, taken.Stored.Position, CaughtUp: true);
        }

        var (record, read, handled) = (taken.Record, 0, 0);
        while (true)
        {
            var page = await HandlePageAsync(projection, taken with { Record = record }, cancellationToken).ConfigureAwait(false);
            (record, read, handled) = (page.Record, read + page.Read, handled + page.Handled);
            if (page.Read < projection.BatchSize)
            {
                break;
            }
        }

        // What the catch-up passed (a store that shows a unit of work its own events) is done already.
        var ahead = new List<ulong>(record.Ahead);
        foreach (var recorded in appended.Where(e => e.Checkpoint.CompareTo(record.Position) > 0))
        {
            handled += await handling.HandleAsync(projection, recorded, replaying: false, taken.State, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            if (!ahead.Contains(recorded.Transaction))
            {
                ahead.Add(recorded.Transaction);
            }
        }

        record = record with { Ahead = ahead, State = taken.State.Touched ? taken.State.Serialize() : record.State };
        if (handled > 0)
        {
            await projection.FlushAsync(MessageContext.Current!.ScopedServices(), cancellationToken).ConfigureAwait(false);
        }

        await store.SaveAsync(record, cancellationToken).ConfigureAwait(false);
        return new ProjectionBatch(read, handled, record.Position, CaughtUp: true);
    }

    private async Task<ProjectionBatch?> TakeOverInCurrentAsync(ProjectionDefinition projection, CancellationToken cancellationToken)
    {
        if (await TakeAsync(projection, wait: true, cancellationToken).ConfigureAwait(false) is not { Standing.Phase: ProjectionPhase.Building } taken)
        {
            return null;
        }

        // The live version's batches in this process, then its record in the store: taken without waiting,
        // in this order only, so a switch never waits for a batch that could be waiting for it.
        var liveGate = Gate(taken.Standing.Live);
        if (!await liveGate.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        try
        {
            // Events the live version handled ahead of its position are not reached by reading up to it: wait until it is past them.
            if (await store.LockAsync(taken.Standing.Live.Name, wait: false, cancellationToken).ConfigureAwait(false) is not { Ahead.Count: 0 } live)
            {
                return null;
            }

            var (record, read, handled) = await HandlePageAsync(projection, taken with { Standing = taken.Standing with { LiveRecord = live } }, cancellationToken).ConfigureAwait(false);
            if (record.Position != live.Position)
            {
                return null;
            }

            if (handled > 0)
            {
                await projection.FlushAsync(MessageContext.Current!.ScopedServices(), cancellationToken).ConfigureAwait(false);
            }

            var replayUntil = record.ReplayUntil.CompareTo(live.Position) > 0 ? record.ReplayUntil : live.Position;
            record = record with
            {
                TookOverAt = handling.Runtime.TimeProvider.GetUtcNow(),
                ReplayUntil = replayUntil,
                State = taken.State.Touched ? taken.State.Serialize() : record.State,
            };
            await store.SaveAsync(record, cancellationToken).ConfigureAwait(false);
            return new ProjectionBatch(read, handled, record.Position, CaughtUp: true);
        }
        finally
        {
            liveGate.Release();
        }
    }

    // Takes the projection in the current unit of work, reads where it stands among its versions, and runs
    // the initialization hook the first time (not for a retired version, which runs nothing).
    private async Task<Taken?> TakeAsync(ProjectionDefinition projection, bool wait, CancellationToken cancellationToken)
    {
        if (await store.LockAsync(projection.Name, wait, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return null;
        }

        // Read after the lock: a switch commits while holding this record, so a batch never runs as live after one.
        var standing = await versions.StandingAsync(projection, store, cancellationToken).ConfigureAwait(false);
        var state = handling.State(stored.State);
        if (stored.Initialized || standing.Phase == ProjectionPhase.Retired)
        {
            return new Taken(stored, stored, state, standing);
        }

        await projection.InitializeAsync(MessageContext.Current!.ScopedServices(), cancellationToken).ConfigureAwait(false);
        return new Taken(stored, stored with { Initialized = true }, state, standing);
    }

    // Reads the page after the record's position and handles it, passing over transactions handled ahead;
    // returns the record moved past the page, with the transactions it passed forgotten. A building version
    // reads no further than the live version's position, and emits nothing.
    private async Task<(ProjectionRecord Record, int Read, int Handled)> HandlePageAsync(ProjectionDefinition projection, Taken taken, CancellationToken cancellationToken)
    {
        var record = taken.Record;
        var page = await events.ReadAllAsync(record.Position, projection.BatchSize, cancellationToken).ConfigureAwait(false);
        var building = taken.Standing.Phase == ProjectionPhase.Building;
        var read = building ? CountUpTo(page.Events, taken.Standing.LiveRecord!.Position) : page.Events.Count;
        var handled = 0;
        for (var i = 0; i < read; i++)
        {
            var recorded = page.Events[i];
            var replaying = building || recorded.Checkpoint.CompareTo(record.ReplayUntil) <= 0;
            if (!record.Ahead.Contains(recorded.Transaction) && await handling.HandleAsync(projection, recorded, replaying, taken.State, cancellationToken).ConfigureAwait(false))
            {
                handled++;
            }
        }

        if (read == 0)
        {
            return (record, 0, 0);
        }

        // Events of one transaction are contiguous in the store's order and become visible together: a
        // transaction before the page's last one is over, and so is the last one when the page was not full.
        var next = read < page.Events.Count ? page.Events[read - 1].Checkpoint : page.Next;
        var full = page.Events.Count == projection.BatchSize;
        return (record with { Position = next, Ahead = [.. record.Ahead.Where(t => t > next.Transaction || (full && t == next.Transaction))] }, read, handled);
    }

    private static int CountUpTo(IReadOnlyList<RecordedEvent> page, AllPosition bound)
    {
        var count = 0;
        while (count < page.Count && page[count].Checkpoint.CompareTo(bound) <= 0)
        {
            count++;
        }

        return count;
    }

    // The record as the store gave it, as the batch starts from (initialized by now), the batch's state, and
    // where the projection stands among its versions.
    private sealed record Taken(ProjectionRecord Stored, ProjectionRecord Record, ProjectionStateSlot State, VersionStanding Standing);
}

/// <summary>What one projection batch did.</summary>
/// <param name="Read">Events of the store read (of every stream).</param>
/// <param name="Handled">Events handed to the projection's handlers.</param>
/// <param name="Position">The position committed.</param>
/// <param name="CaughtUp">Whether the batch read fewer events than it could: nothing more is visible now.</param>
public sealed record ProjectionBatch(int Read, int Handled, AllPosition Position, bool CaughtUp)
{
    /// <summary>Another batch of the projection was running: nothing was done.</summary>
    public static ProjectionBatch Busy { get; } = new(0, 0, AllPosition.Start, CaughtUp: false) { WasBusy = true };

    /// <summary>Whether the projection was held by another batch.</summary>
    public bool WasBusy { get; private init; }
}
