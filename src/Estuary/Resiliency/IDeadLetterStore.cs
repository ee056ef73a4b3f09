using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary;

/// <summary>
/// Where messages go when every retry failed or the input was unusable. The in-memory store is the
/// default; <c>Estuary.Postgres</c> stores them in a table, in the transaction of the failed delivery.
/// Replay and the CLI go through <see cref="DeadLetters"/>.
/// </summary>
public interface IDeadLetterStore
{
    /// <summary>
    /// Stores an entry with a new, higher <see cref="DeadLetter.Generation"/>; an entry with the same id
    /// and endpoint replaces the older one. A store that can join the current unit of work does so.
    /// </summary>
    ValueTask AddAsync(DeadLetter entry, CancellationToken cancellationToken);

    /// <summary>Entries, oldest first.</summary>
    ValueTask<IReadOnlyList<DeadLetter>> ListAsync(int offset, int limit, CancellationToken cancellationToken);

    /// <summary>The number of entries.</summary>
    ValueTask<long> CountAsync(CancellationToken cancellationToken);

    /// <summary>An entry by id and endpoint, or <see langword="null"/>.</summary>
    ValueTask<DeadLetter?> GetAsync(Guid id, string endpointId, CancellationToken cancellationToken);

    /// <summary>Removes an entry; returns whether it existed.</summary>
    ValueTask<bool> DeleteAsync(Guid id, string endpointId, CancellationToken cancellationToken);

    /// <summary>
    /// Removes <paramref name="entry"/> only if it is still the stored generation: an entry stored again
    /// meanwhile (the replayed message failed again) stays. Returns whether it was removed. A store that
    /// can join the current unit of work does so.
    /// </summary>
    ValueTask<bool> RemoveAsync(DeadLetter entry, CancellationToken cancellationToken);

    /// <summary>The highest generation stored so far (0 when nothing was ever stored).</summary>
    ValueTask<long> LastGenerationAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Entries whose generation is above <paramref name="after"/> and at most <paramref name="through"/>,
    /// lowest first: a walk over the entries as they were at one moment, which entries stored later do not lengthen.
    /// </summary>
    ValueTask<IReadOnlyList<DeadLetter>> ListGenerationsAsync(long after, long through, int limit, CancellationToken cancellationToken);
}
