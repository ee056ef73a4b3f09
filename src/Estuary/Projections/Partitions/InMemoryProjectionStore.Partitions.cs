using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary;

// Partitions in memory: each held by one unit of work at a time (released when it commits or rolls
// back), their writes undone if it rolls back.
public sealed partial class InMemoryProjectionStore
{
    private readonly Dictionary<(string Projection, string Key), PartitionRecord> _partitions = [];
    private readonly Dictionary<(string Projection, string Key), TaskCompletionSource> _held = [];

    /// <inheritdoc />
    public ValueTask MarkDueAsync(string projection, IReadOnlyList<PartitionDue> due, CancellationToken cancellationToken) =>
        ForEachHeldAsync(projection, due.Select(static d => d.Key), cancellationToken, () =>
        {
            var now = _time.GetUtcNow();
            foreach (var (key, version) in due)
            {
                var current = _partitions.GetValueOrDefault((projection, key)) ?? PartitionRecord.New(projection, key, now);
                if (current.Due < version)
                {
                    WritePartition(current with { Due = version, DueSince = current.IsBehind ? current.DueSince : now, UpdatedAt = now });
                }
            }
        });

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<PartitionRecord>> ClaimDueAsync(string projection, int limit, CancellationToken cancellationToken)
    {
        var unitOfWork = RequireUnitOfWork();
        lock (_records)
        {
            var now = _time.GetUtcNow();
            var claimed = _partitions.Values
                .Where(p => p.Projection == projection && p.IsBehind && (p.RetryAt is null || p.RetryAt <= now) && !_held.ContainsKey((projection, p.Key)))
                .OrderBy(static p => p.DueSince).ThenBy(static p => p.Key, StringComparer.Ordinal)
                .Take(limit)
                .ToArray();
            foreach (var partition in claimed)
            {
                Hold(unitOfWork, (projection, partition.Key));
            }

            return ValueTask.FromResult<IReadOnlyList<PartitionRecord>>(claimed);
        }
    }

    /// <inheritdoc />
    public async ValueTask<PartitionRecord?> LockPartitionAsync(string projection, string key, bool wait, CancellationToken cancellationToken)
    {
        var unitOfWork = RequireUnitOfWork();
        while (true)
        {
            Task released;
            lock (_records)
            {
                if (!_held.TryGetValue((projection, key), out var holder))
                {
                    Hold(unitOfWork, (projection, key));
                    return _partitions.GetValueOrDefault((projection, key)) ?? PartitionRecord.New(projection, key, _time.GetUtcNow());
                }

                if (!wait)
                {
                    return null;
                }

                released = holder.Task;
            }

            await released.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public ValueTask SavePartitionsAsync(IReadOnlyList<PartitionRecord> partitions, CancellationToken cancellationToken)
    {
        lock (_records)
        {
            var now = _time.GetUtcNow();
            foreach (var partition in partitions)
            {
                WritePartition(partition with { UpdatedAt = now });
            }
        }

        return default;
    }

    /// <inheritdoc />
    public ValueTask ResetPartitionsAsync(string projection, CancellationToken cancellationToken) =>
        ForEachHeldAsync(projection, KeysOf(projection), cancellationToken, () =>
        {
            var now = _time.GetUtcNow();
            foreach (var partition in _partitions.Values.Where(p => p.Projection == projection).ToArray())
            {
                WritePartition(partition with
                {
                    Version = 0,
                    Due = Math.Max(partition.Due, partition.Version),
                    ReplayUntil = Math.Max(partition.ReplayUntil, partition.Version),
                    State = null,
                    Attempts = 0,
                    RetryAt = null,
                    Error = null,
                    DueSince = now,
                    UpdatedAt = now,
                });
            }
        });

    /// <inheritdoc />
    public ValueTask DeletePartitionsAsync(string projection, CancellationToken cancellationToken) =>
        ForEachHeldAsync(projection, KeysOf(projection), cancellationToken, () =>
        {
            foreach (var partition in _partitions.Values.Where(p => p.Projection == projection).ToArray())
            {
                WritePartition(partition, remove: true);
            }
        });

    /// <inheritdoc />
    public ValueTask<PartitionRecord?> GetPartitionAsync(string projection, string key, CancellationToken cancellationToken)
    {
        lock (_records)
        {
            return ValueTask.FromResult(_partitions.GetValueOrDefault((projection, key)));
        }
    }

    /// <inheritdoc />
    public ValueTask<PartitionCounts> CountPartitionsAsync(string projection, CancellationToken cancellationToken)
    {
        lock (_records)
        {
            var partitions = _partitions.Values.Where(p => p.Projection == projection).ToArray();
            return ValueTask.FromResult(new PartitionCounts(
                partitions.Length,
                partitions.Count(static p => p.IsBehind),
                partitions.Count(static p => p.Attempts > 0),
                partitions.Where(static p => p.IsBehind).Sum(static p => p.Due - p.Version)));
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<PartitionRecord>> ListFailingPartitionsAsync(string projection, int limit, CancellationToken cancellationToken)
    {
        lock (_records)
        {
            return ValueTask.FromResult<IReadOnlyList<PartitionRecord>>(_partitions.Values
                .Where(p => p.Projection == projection && p.Attempts > 0)
                .OrderBy(static p => p.DueSince).ThenBy(static p => p.Key, StringComparer.Ordinal)
                .Take(limit)
                .ToArray());
        }
    }

    private string[] KeysOf(string projection)
    {
        lock (_records)
        {
            return [.. _partitions.Keys.Where(k => k.Projection == projection).Select(static k => k.Key)];
        }
    }

    // Takes the partitions (waiting for their holders, in key order as the database's row locks would be
    // taken consistently), then writes under the store's lock.
    private async ValueTask ForEachHeldAsync(string projection, IEnumerable<string> keys, CancellationToken cancellationToken, Action write)
    {
        foreach (var key in keys.Distinct().Order(StringComparer.Ordinal))
        {
            await LockPartitionAsync(projection, key, wait: true, cancellationToken).ConfigureAwait(false);
        }

        lock (_records)
        {
            write();
        }
    }

    // Holds the partition until the unit of work ends, whichever way (released once).
    private void Hold(UnitOfWork unitOfWork, (string, string) key)
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _held[key] = released;
        void Release()
        {
            lock (_records)
            {
                if (_held.TryGetValue(key, out var holder) && holder == released)
                {
                    _held.Remove(key);
                }
            }

            released.TrySetResult();
        }

        unitOfWork.OnCommitted(Release);
        unitOfWork.OnRollback(Release);
    }

    // Called under the store's lock: writes (or removes) the partition, undone if the unit of work rolls back.
    private void WritePartition(PartitionRecord partition, bool remove = false)
    {
        var key = (partition.Projection, partition.Key);
        _partitions.TryGetValue(key, out var previous);
        Set(key, remove ? null : partition);
        UnitOfWork.Current?.OnRollback(() =>
        {
            lock (_records)
            {
                Set(key, previous);
            }
        });

        void Set((string, string) at, PartitionRecord? value)
        {
            if (value is null)
            {
                _partitions.Remove(at);
            }
            else
            {
                _partitions[at] = value;
            }
        }
    }

    private static UnitOfWork RequireUnitOfWork() =>
        UnitOfWork.Current ?? throw new InvalidOperationException("A projection's partitions are taken in a unit of work.");
}
