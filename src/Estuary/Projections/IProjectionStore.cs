using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;

namespace Estuary;

/// <summary>
/// Where projections keep their positions. Every method runs in the current unit of work when there
/// is one (the batch's transaction), so a position is saved exactly when the read model's changes are.
/// </summary>
public interface IProjectionStore
{
    /// <summary>
    /// Takes the projection for the current unit of work (a row lock on PostgreSQL, held until it
    /// ends), creating its record if it has none. With <paramref name="wait"/> off, returns
    /// <see langword="null"/> at once when another unit of work holds it; with it on, waits.
    /// </summary>
    ValueTask<ProjectionRecord?> LockAsync(string name, bool wait, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the store writes in the transaction of a unit of work with <paramref name="session"/>
    /// (<see langword="null"/>: a unit of work without one): a triggered batch then runs in its trigger's
    /// delivery, committed with its acknowledgement, and a synchronous one in the appending unit of work.
    /// </summary>
    bool CanJoin(ITransactionSession? session);

    /// <summary>Writes the record, in the current unit of work.</summary>
    ValueTask SaveAsync(ProjectionRecord record, CancellationToken cancellationToken);

    /// <summary>Removes the record, in the current unit of work; the next run starts from the beginning.</summary>
    ValueTask DeleteAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every record, as committed.</summary>
    ValueTask<IReadOnlyList<ProjectionRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Raises each partition's <see cref="PartitionRecord.Due"/> to the version given (creating the
    /// partitions it does not know), in the current unit of work. Waits for partitions another batch holds.
    /// </summary>
    ValueTask MarkDueAsync(string projection, IReadOnlyList<PartitionDue> due, CancellationToken cancellationToken);

    /// <summary>
    /// Takes up to <paramref name="limit"/> partitions that are behind and not backing off, for the
    /// current unit of work, passing over those another holds; the longest behind first.
    /// </summary>
    ValueTask<IReadOnlyList<PartitionRecord>> ClaimDueAsync(string projection, int limit, CancellationToken cancellationToken);

    /// <summary>Takes one partition for the current unit of work (creating it), as <see cref="LockAsync"/> takes a projection.</summary>
    ValueTask<PartitionRecord?> LockPartitionAsync(string projection, string key, bool wait, CancellationToken cancellationToken);

    /// <summary>Writes the partitions (held by the current unit of work), in it.</summary>
    ValueTask SavePartitionsAsync(IReadOnlyList<PartitionRecord> partitions, CancellationToken cancellationToken);

    /// <summary>
    /// Moves every partition of the projection back to the start of its stream, in the current unit of
    /// work: each is behind again up to where it was, replays up to there, and loses its state and failures.
    /// </summary>
    ValueTask ResetPartitionsAsync(string projection, CancellationToken cancellationToken);

    /// <summary>Forgets every partition of the projection, in the current unit of work.</summary>
    ValueTask DeletePartitionsAsync(string projection, CancellationToken cancellationToken);

    /// <summary>One partition as committed, or <see langword="null"/> when the projection has none of that key.</summary>
    ValueTask<PartitionRecord?> GetPartitionAsync(string projection, string key, CancellationToken cancellationToken);

    /// <summary>The projection's partitions counted, as committed.</summary>
    ValueTask<PartitionCounts> CountPartitionsAsync(string projection, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> of the projection's failing partitions, as committed, the longest failing first.</summary>
    ValueTask<IReadOnlyList<PartitionRecord>> ListFailingPartitionsAsync(string projection, int limit, CancellationToken cancellationToken);
}
