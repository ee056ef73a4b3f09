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
    /// Stores an entry; an entry with the same id and endpoint replaces the older one. A store that
    /// can join the current unit of work does so.
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
}
