using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;

namespace Estuary;

/// <summary>
/// Positions in memory (the default without a database): a write in a unit of work is undone if it
/// rolls back. Locking is left to the runner, which runs one batch per projection at a time in a
/// process; positions are lost when the process ends.
/// </summary>
public sealed partial class InMemoryProjectionStore(TimeProvider? timeProvider = null) : IProjectionStore
{
    private readonly Dictionary<string, ProjectionRecord> _records = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public ValueTask<ProjectionRecord?> LockAsync(string name, bool wait, CancellationToken cancellationToken)
    {
        lock (_records)
        {
            return ValueTask.FromResult<ProjectionRecord?>(_records.TryGetValue(name, out var record) ? record : ProjectionRecord.New(name, _time.GetUtcNow()));
        }
    }

    /// <inheritdoc />
    /// <remarks>Always: a write is taken back through the unit of work whatever its transaction.</remarks>
    public bool CanJoin(ITransactionSession? session) => true;

    /// <inheritdoc />
    public ValueTask SaveAsync(ProjectionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        Write(record.Name, record with { UpdatedAt = _time.GetUtcNow() });
        return default;
    }

    /// <inheritdoc />
    public ValueTask DeleteAsync(string name, CancellationToken cancellationToken)
    {
        Write(name, null);
        return default;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ProjectionRecord>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_records)
        {
            return ValueTask.FromResult<IReadOnlyList<ProjectionRecord>>(_records.Values.OrderBy(static r => r.Name, StringComparer.Ordinal).ToArray());
        }
    }

    private void Write(string name, ProjectionRecord? record)
    {
        ProjectionRecord? previous;
        lock (_records)
        {
            _records.TryGetValue(name, out previous);
            Set(name, record);
        }

        // A unit of work that rolls back takes the write back with it.
        UnitOfWork.Current?.OnRollback(() =>
        {
            lock (_records)
            {
                Set(name, previous);
            }
        });
    }

    private void Set(string name, ProjectionRecord? record)
    {
        if (record is null)
        {
            _records.Remove(name);
        }
        else
        {
            _records[name] = record;
        }
    }
}
