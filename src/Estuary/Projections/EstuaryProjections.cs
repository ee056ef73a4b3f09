using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Estuary.Runtime;

namespace Estuary;

/// <summary>
/// The host's projections and what can be done with them: catch up, initialize, reset, rebuild,
/// delete, read the status. The background worker and the CLI call the same methods.
/// </summary>
public sealed class EstuaryProjections
{
    private readonly FrozenDictionary<string, ProjectionDefinition> _byName;
    private readonly ProjectionRunner _runner;
    private readonly IProjectionStore _store;
    private readonly IEventStore _events;
    private readonly EstuaryRuntime _runtime;

    /// <summary>Creates the operations over the projections of <paramref name="runtime"/>'s modules (resolved from the service provider).</summary>
    public EstuaryProjections(EstuaryRuntime runtime, IEventStore events, IProjectionStore store, ITransactionSessionFactory? sessions = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(store);
        _byName = runtime.Projections.ToFrozenDictionary(static p => p.Name, StringComparer.Ordinal);
        _runner = new ProjectionRunner(runtime, events, store, sessions);
        _store = store;
        _events = events;
        _runtime = runtime;
    }

    /// <summary>The names of the host's projections, in order.</summary>
    public IReadOnlyList<string> Names => [.. _byName.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// Runs batches of the projection until it has read every event visible now; returns how many
    /// events its handlers took. Returns at once (0) when another process or caller is running it.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No projection has that name.</exception>
    public async Task<int> CatchUpAsync(string name, CancellationToken cancellationToken = default)
    {
        var projection = Get(name);
        var handled = 0;
        while (true)
        {
            var batch = await _runner.RunBatchAsync(projection, cancellationToken).ConfigureAwait(false);
            handled += batch.Handled;
            if (batch.WasBusy || batch.CaughtUp)
            {
                return handled;
            }
        }
    }

    /// <summary>Runs one batch of the projection (what the worker does at each turn).</summary>
    public Task<ProjectionBatch> RunBatchAsync(string name, CancellationToken cancellationToken = default) =>
        _runner.RunBatchAsync(Get(name), cancellationToken);

    /// <summary>
    /// Asks for the projection to run: a triggered projection (<see cref="AsynchronousAttribute"/>)
    /// gets a trigger on its channel, in the current unit of work if there is one; a polled one wakes
    /// this host's projection worker. Use it after appending events without an event-sourced repository
    /// (only repositories trigger projections by themselves) or after a reset, to hand the rebuild to the workers.
    /// </summary>
    public ValueTask TriggerAsync(string name, CancellationToken cancellationToken = default) => TriggerAsync(Get(name), cancellationToken);

    /// <summary>Whether the projection is run by triggers on a channel rather than by this host's projection worker.</summary>
    public bool IsTriggered(string name) => Get(name).Channel is not null;

    internal async ValueTask TriggerAsync(ProjectionDefinition projection, CancellationToken cancellationToken)
    {
        if (projection.Channel is null)
        {
            _runtime.ProjectionWakeUp.Pulse();
            return;
        }

        await _runtime.SendRoutedAsync(projection.TriggerRoutingKey, payload: null, headers: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What a trigger does: one batch, in the trigger's unit of work; when the batch was full, a trigger
    /// for the next one is sent in the same unit of work, so a long catch-up is a chain of short deliveries
    /// that other messages of the channel interleave with, each committed on its own.
    /// </summary>
    internal async Task RunTriggeredAsync(ProjectionDefinition projection, CancellationToken cancellationToken)
    {
        var batch = await _runner.RunTriggeredAsync(projection, cancellationToken).ConfigureAwait(false);
        if (!batch.CaughtUp)
        {
            await TriggerAsync(projection, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a synchronous projection for events an event-sourced repository just appended (see <see cref="ProjectionRunner.RunSynchronousAsync"/>).</summary>
    internal Task<ProjectionBatch> RunSynchronousAsync(ProjectionDefinition projection, IReadOnlyList<RecordedEvent> appended, CancellationToken cancellationToken) =>
        _runner.RunSynchronousAsync(projection, appended, cancellationToken);

    /// <summary>
    /// The committed position of each triggered projection that has events after it to read (of any
    /// stream: a batch moves past the others cheaply). One read of the positions, one of one event each.
    /// </summary>
    internal async Task<IReadOnlyList<(ProjectionDefinition Projection, AllPosition Position)>> TriggeredBehindAsync(CancellationToken cancellationToken)
    {
        var triggered = _byName.Values.Where(static p => p.Channel is not null).ToArray();
        if (triggered.Length == 0)
        {
            return [];
        }

        var records = (await _store.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(static r => r.Name, StringComparer.Ordinal);
        var behind = new List<(ProjectionDefinition, AllPosition)>();
        foreach (var projection in triggered)
        {
            var position = records.TryGetValue(projection.Name, out var record) ? record.Position : AllPosition.Start;
            var page = await _events.ReadAllAsync(position, 1, cancellationToken).ConfigureAwait(false);
            if (page.Events.Count > 0)
            {
                behind.Add((projection, position));
            }
        }

        return behind;
    }

    /// <summary>The names of the projections this host's worker runs itself: those without a channel.</summary>
    internal IReadOnlyList<string> PolledNames => [.. Names.Where(name => _byName[name].Channel is null)];

    /// <summary>Runs the initialization hook now (it also runs before the first batch) without reading events.</summary>
    public Task InitializeAsync(string name, CancellationToken cancellationToken = default)
    {
        var projection = Get(name);
        return _runner.OperateAsync(projection, async (record, services, token) =>
        {
            await projection.InitializeAsync(services, token).ConfigureAwait(false);
            await _store.SaveAsync(record with { Initialized = true }, token).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>
    /// Moves the projection back to the start of the store, running its reset hook in the same
    /// transaction (waits for a running batch); the next batches rebuild it. A projection that was never
    /// initialized runs its initialization hook before the reset hook; the initialization hook runs again before the next batch.
    /// </summary>
    public Task ResetAsync(string name, CancellationToken cancellationToken = default)
    {
        var projection = Get(name);
        return _runner.OperateAsync(projection, async (record, services, token) =>
        {
            // The reset hook empties a read model that exists: one never initialized gets created first.
            if (!record.Initialized)
            {
                await projection.InitializeAsync(services, token).ConfigureAwait(false);
            }

            await projection.ResetAsync(services, token).ConfigureAwait(false);
            // What was handled before is replayed without emitting again (a reset during a replay keeps the furthest bound).
            var replayUntil = record.HandledUntil.CompareTo(record.ReplayUntil) > 0 ? record.HandledUntil : record.ReplayUntil;
            await _store.SaveAsync(record with { Position = AllPosition.Start, Initialized = false, Ahead = [], ReplayUntil = replayUntil, State = null }, token).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Resets the projection, then catches it up; returns how many events its handlers took.</summary>
    public async Task<int> RebuildAsync(string name, CancellationToken cancellationToken = default)
    {
        await ResetAsync(name, cancellationToken).ConfigureAwait(false);
        return await CatchUpAsync(name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the delete hook and forgets the projection's position, in one transaction; it starts over if it runs again.</summary>
    public Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        var projection = Get(name);
        return _runner.OperateAsync(projection, async (record, services, token) =>
        {
            await projection.DeleteAsync(services, token).ConfigureAwait(false);
            await _store.DeleteAsync(record.Name, token).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>
    /// The projection's <see cref="ProjectionStateAttribute"/> state as last committed, or
    /// <see langword="null"/> before any batch saved one. <typeparamref name="TState"/> needs System.Text.Json metadata.
    /// </summary>
    public async Task<TState?> GetStateAsync<TState>(string name, CancellationToken cancellationToken = default)
        where TState : class
    {
        Get(name);
        var record = (await _store.ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.Name == name);
        if (record?.State is not { } state)
        {
            return null;
        }

        return System.Text.Json.JsonSerializer.Deserialize(state, ProjectionStates.TypeInfo<TState>(_runtime.Json));
    }

    /// <summary>Every projection of the host with its committed position (a projection that never ran is at the start).</summary>
    public async Task<IReadOnlyList<ProjectionStatus>> StatusAsync(CancellationToken cancellationToken = default)
    {
        var records = (await _store.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(static r => r.Name, StringComparer.Ordinal);
        return Names
            .Select(name => records.TryGetValue(name, out var record)
                ? new ProjectionStatus(name, record.Position, record.Initialized, record.UpdatedAt) { Mode = ModeOf(name) }
                : new ProjectionStatus(name, AllPosition.Start, Initialized: false, UpdatedAt: null) { Mode = ModeOf(name) })
            .ToArray();
    }

    /// <summary>
    /// How many events of the projection's streams are visible after its committed position, counted up
    /// to <paramref name="limit"/> (reading the store from that position, in pages).
    /// </summary>
    public async Task<long> CountBehindAsync(string name, long limit = 10_000, CancellationToken cancellationToken = default)
    {
        var projection = Get(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var records = await _store.ListAsync(cancellationToken).ConfigureAwait(false);
        var position = records.FirstOrDefault(r => r.Name == name)?.Position ?? AllPosition.Start;
        long behind = 0;
        while (behind < limit)
        {
            var page = await _events.ReadAllAsync(position, projection.BatchSize, cancellationToken).ConfigureAwait(false);
            behind += page.Events.Count(e => projection.Reads(e.StreamId));
            if (page.Events.Count < projection.BatchSize)
            {
                break;
            }

            position = page.Next;
        }

        return Math.Min(behind, limit);
    }

    // How the projection runs, in one word: "polled", "synchronous", or "channel:{name}".
    private string ModeOf(string name) => Get(name) switch
    {
        { Channel: { } channel } => "channel:" + channel,
        { IsSynchronous: true } => "synchronous",
        _ => "polled",
    };

    private ProjectionDefinition Get(string name) =>
        _byName.TryGetValue(name, out var projection)
            ? projection
            : throw new KeyNotFoundException($"No projection '{name}' in this host. Projections: {(_byName.Count == 0 ? "none" : string.Join(", ", Names))}.");
}

/// <summary>A projection's committed state.</summary>
/// <param name="Name">The projection.</param>
/// <param name="Position">The last event it committed.</param>
/// <param name="Initialized">Whether its initialization hook ran.</param>
/// <param name="UpdatedAt">When it last committed, or <see langword="null"/> if it never ran.</param>
public sealed record ProjectionStatus(string Name, AllPosition Position, bool Initialized, DateTimeOffset? UpdatedAt)
{
    /// <summary>How it runs: <c>polled</c> (the host's worker), <c>synchronous</c> (in the appending unit of work) or <c>channel:{name}</c> (triggered through that channel).</summary>
    public string Mode { get; init; } = "polled";
}
