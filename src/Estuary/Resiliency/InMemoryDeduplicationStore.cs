using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary;

/// <summary>
/// The default deduplication store: marks kept in memory (lost when the process ends), undone when
/// the attempt that recorded them fails.
/// </summary>
public sealed class InMemoryDeduplicationStore(TimeProvider? timeProvider = null) : IDeduplicationStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Endpoint, string Key), DateTimeOffset> _marks = [];
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public ValueTask<bool> TryRecordAsync(string endpointId, string key, CancellationToken cancellationToken)
    {
        var mark = (endpointId, key);
        lock (_gate)
        {
            if (!_marks.TryAdd(mark, _time.GetUtcNow()))
            {
                return new(false);
            }
        }

        UnitOfWork.Current?.OnRollback(() =>
        {
            lock (_gate)
            {
                _marks.Remove(mark);
            }
        });
        return new(true);
    }

    /// <inheritdoc />
    public ValueTask<long> RemoveExpiredAsync(DateTimeOffset before, int batchSize, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var expired = _marks.Where(m => m.Value < before).Select(static m => m.Key).Take(batchSize).ToArray();
            foreach (var mark in expired)
            {
                _marks.Remove(mark);
            }

            return new(expired.LongLength);
        }
    }

    /// <inheritdoc />
    public ValueTask<long> CountRecordedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return new(_marks.Values.LongCount(recordedAt => recordedAt < before));
        }
    }
}
