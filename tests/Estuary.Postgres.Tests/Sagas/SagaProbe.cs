using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Postgres.Tests.Sagas;

/// <summary>What a handler saw of the committed database: the stored version of an instance (0: none).</summary>
/// <param name="Announced">The version the handled event says its change was saved at, if it says.</param>
public sealed record Observation(string What, Guid Id, long Committed, long? Announced = null);

/// <summary>
/// The saga flows' handlers report here what they saw. Reads go through the test's own data source,
/// on a connection of their own, so they see only what was committed: never the state of the
/// transaction a handler runs in.
/// </summary>
public sealed class SagaProbe(TestDatabase database)
{
    private readonly ConcurrentQueue<Observation> _observations = new();
    private readonly ConcurrentDictionary<Guid, int> _attempts = new();

    /// <summary>When set, <see cref="ParcelHandlers.DispatchFromQueue"/> holds its transaction open on it.</summary>
    public TransactionGate? Gate { get; set; }

    public Task<long> CommittedVersionAsync(string collection, Guid id) =>
        database.ScalarAsync<long>("SELECT coalesce(max(version), 0) FROM {schema}.documents WHERE collection = $1 AND id = $2", collection, id.ToString("D"));

    /// <summary>Committed queue rows for an endpoint, delayed ones included.</summary>
    public Task<long> QueuedAsync(string endpointId) =>
        database.ScalarAsync<long>("SELECT count(*) FROM {schema}.queue WHERE endpoint_id = $1", endpointId);

    public Task<long> DeadLetteredAsync(string endpointId) =>
        database.ScalarAsync<long>("SELECT count(*) FROM {schema}.dead_letter WHERE endpoint_id = $1", endpointId);

    public async Task ObserveAsync(string what, string collection, Guid id, long? announced = null) =>
        _observations.Enqueue(new Observation(what, id, await CommittedVersionAsync(collection, id), announced));

    public IReadOnlyList<Observation> Observed(string what, Guid id) =>
        [.. _observations.Where(o => o.What == what && o.Id == id)];

    public void Attempted(Guid id) => _attempts.AddOrUpdate(id, 1, static (_, count) => count + 1);

    public int Attempts(Guid id) => _attempts.TryGetValue(id, out var count) ? count : 0;
}

/// <summary>Holds a handler's transaction open until the test has looked around.</summary>
public sealed class TransactionGate
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the handler waits at the gate.</summary>
    public Task Reached => _reached.Task;

    public void Release() => _released.TrySetResult();

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        _reached.TrySetResult();
        await _released.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
    }
}
