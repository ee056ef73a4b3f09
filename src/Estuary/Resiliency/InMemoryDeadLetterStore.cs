using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary;

/// <summary>The default dead letter: kept in memory, lost when the process ends.</summary>
public sealed class InMemoryDeadLetterStore : IDeadLetterStore
{
    private readonly Lock _gate = new();
    private readonly List<DeadLetter> _entries = [];
    private long _generation;

    /// <inheritdoc />
    public ValueTask AddAsync(DeadLetter entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            _entries.RemoveAll(e => Same(e, entry.Id, entry.Message.EndpointId));
            _entries.Add(entry.WithGeneration(++_generation));
        }

        return default;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<DeadLetter>> ListAsync(int offset, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return new(_entries.OrderBy(static e => e.FailedAt).Skip(offset).Take(limit).ToArray());
        }
    }

    /// <inheritdoc />
    public ValueTask<long> CountAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return new(_entries.Count);
        }
    }

    /// <inheritdoc />
    public ValueTask<DeadLetter?> GetAsync(Guid id, string endpointId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return new(_entries.Find(e => Same(e, id, endpointId)));
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(Guid id, string endpointId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return new(_entries.RemoveAll(e => Same(e, id, endpointId)) > 0);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> RemoveAsync(DeadLetter entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            return new(_entries.RemoveAll(e => Same(e, entry.Id, entry.Message.EndpointId) && e.Generation == entry.Generation) > 0);
        }
    }

    /// <inheritdoc />
    public ValueTask<long> LastGenerationAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return new(_generation);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<DeadLetter>> ListGenerationsAsync(long after, long through, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return new(_entries.Where(e => e.Generation > after && e.Generation <= through).OrderBy(static e => e.Generation).Take(limit).ToArray());
        }
    }

    private static bool Same(DeadLetter entry, Guid id, string endpointId) => entry.Id == id && entry.Message.EndpointId == endpointId;
}
