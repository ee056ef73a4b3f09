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
}
