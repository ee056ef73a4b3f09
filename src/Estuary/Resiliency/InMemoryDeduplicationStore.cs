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
    private readonly Dictionary<string, EndpointMarks> _marks = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public ValueTask<bool> TryRecordAsync(string endpointId, string key, CancellationToken cancellationToken)
    {
        var isId = EndpointMarks.IsMessageId(key, out var id);
        EndpointMarks? marks;
        lock (_gate)
        {
            if (!_marks.TryGetValue(endpointId, out marks))
            {
                _marks[endpointId] = marks = new EndpointMarks();
            }

            var now = _time.GetUtcNow();
            if (!(isId ? marks.Ids.TryAdd(id, now) : marks.Keys.TryAdd(key, now)))
            {
                return new(false);
            }
        }

        UnitOfWork.Current?.OnRollback(() =>
        {
            lock (_gate)
            {
                _ = isId ? marks.Ids.Remove(id) : marks.Keys.Remove(key);
            }
        });
        return new(true);
    }

    /// <inheritdoc />
    public ValueTask<long> RemoveExpiredAsync(DateTimeOffset before, int batchSize, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var removed = 0;
            foreach (var marks in _marks.Values)
            {
                removed += RemoveExpired(marks.Ids, before, batchSize - removed);
                removed += RemoveExpired(marks.Keys, before, batchSize - removed);
            }

            return new(removed);
        }
    }

    /// <inheritdoc />
    public ValueTask<long> CountRecordedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return new(_marks.Values.Sum(marks =>
                marks.Ids.Values.LongCount(recordedAt => recordedAt < before) + marks.Keys.Values.LongCount(recordedAt => recordedAt < before)));
        }
    }

    private static int RemoveExpired<TKey>(Dictionary<TKey, DateTimeOffset> marks, DateTimeOffset before, int atMost)
        where TKey : notnull
    {
        var expired = marks.Where(m => m.Value < before).Select(static m => m.Key).Take(atMost).ToArray();
        foreach (var key in expired)
        {
            marks.Remove(key);
        }

        return expired.Length;
    }

    /// <summary>
    /// One endpoint's marks. Most keys are message ids: kept as the UUIDs they are, they hold no string, so a
    /// mark leaves nothing for the collector to move from generation to generation but its table's slot.
    /// </summary>
    private sealed class EndpointMarks
    {
        public Dictionary<Guid, DateTimeOffset> Ids { get; } = [];

        // Other keys: a string key alone is hashed with the runtime's fast non-randomized hash.
        public Dictionary<string, DateTimeOffset> Keys { get; } = new(StringComparer.Ordinal);

        /// <summary>
        /// The key is a UUID as Estuary writes one (36 characters, lowercase): the same key always gives the
        /// same UUID and the same UUID the same key, so no two different keys share a mark.
        /// </summary>
        public static bool IsMessageId(string key, out Guid id)
        {
            id = default;
            return key.Length == 36 && !key.AsSpan().ContainsAnyInRange('A', 'F') && Guid.TryParseExact(key, "D", out id);
        }
    }
}
