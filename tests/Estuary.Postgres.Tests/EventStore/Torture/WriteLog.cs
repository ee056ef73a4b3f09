using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Estuary.Postgres.Tests.EventStore.Torture;

/// <summary>
/// What the writers know of every event they appended: committed, rolled back, or in doubt (its writer
/// process was killed after the append and before it reported a commit). Thread-safe.
/// </summary>
internal sealed class WriteLog
{
    private readonly Lock _lock = new();
    private readonly HashSet<Guid> _committed = [];
    private readonly HashSet<Guid> _rolledBack = [];
    private readonly List<Guid[]> _inDoubt = [];
    private readonly List<string> _errors = [];
    private int _commits;
    private int _rollbacks;
    private int _conflicts;

    public IReadOnlySet<Guid> CommittedEvents => Locked(() => _committed.ToHashSet());

    public IReadOnlySet<Guid> RolledBackEvents => Locked(() => _rolledBack.ToHashSet());

    /// <summary>The events of each transaction in doubt: all of them committed, or none.</summary>
    public IReadOnlyList<Guid[]> InDoubtTransactions => Locked(() => _inDoubt.ToList());

    public IReadOnlyList<string> Errors => Locked(() => _errors.ToList());

    public int Commits => Volatile.Read(ref _commits);

    public int Rollbacks => Volatile.Read(ref _rollbacks);

    public int Conflicts => Volatile.Read(ref _conflicts);

    public void Committed(IEnumerable<Guid> events)
    {
        lock (_lock)
        {
            _committed.UnionWith(events);
            _commits++;
        }
    }

    public void RolledBack(IEnumerable<Guid> events)
    {
        lock (_lock)
        {
            _rolledBack.UnionWith(events);
            _rollbacks++;
        }
    }

    public void InDoubt(IEnumerable<Guid> events)
    {
        var transaction = events.ToArray();
        if (transaction.Length == 0)
        {
            return;
        }

        lock (_lock)
        {
            _inDoubt.Add(transaction);
        }
    }

    /// <summary>An append found its stream at another version than expected (and was tried again).</summary>
    public void Conflict() => Interlocked.Increment(ref _conflicts);

    /// <summary>Something no writer should meet (the test fails with it).</summary>
    public void Error(string error)
    {
        lock (_lock)
        {
            _errors.Add(error);
        }
    }

    private T Locked<T>(Func<T> read)
    {
        lock (_lock)
        {
            return read();
        }
    }
}
