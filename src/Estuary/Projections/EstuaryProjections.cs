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
    private readonly ProjectionVersions _versions;
    private readonly ProjectionRunner _runner;
    private readonly PartitionedProjectionRunner _partitions;
    private readonly int _partitionWorkers;
    private readonly IProjectionStore _store;
    private readonly IEventStore _events;
    private readonly EstuaryRuntime _runtime;

    /// <summary>Creates the operations over the projections of <paramref name="runtime"/>'s modules (resolved from the service provider).</summary>
    /// <param name="runtime">The host's runtime.</param>
    /// <param name="events">The event store projections read.</param>
    /// <param name="store">Where projections keep their positions.</param>
    /// <param name="sessions">Transactions for batches (the database's); null: batches run without one.</param>
    /// <param name="options">The host's options (<see cref="EstuaryOptions.ProjectionPartitionWorkers"/>).</param>
    public EstuaryProjections(EstuaryRuntime runtime, IEventStore events, IProjectionStore store, ITransactionSessionFactory? sessions = null, EstuaryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(store);
        _versions = new ProjectionVersions(runtime.Projections);
        _byName = runtime.Projections.ToFrozenDictionary(static p => p.Name, StringComparer.Ordinal);
        var handling = new ProjectionHandling(runtime, store, sessions);
        _runner = new ProjectionRunner(events, store, handling, _versions);
        _partitions = new PartitionedProjectionRunner(events, store, handling);
        _partitionWorkers = Math.Max(1, options?.ProjectionPartitionWorkers ?? 1);
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
        if (projection.IsPartitioned)
        {
            return await CatchUpPartitionsAsync(projection, cancellationToken).ConfigureAwait(false);
        }

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

    /// <summary>
    /// Runs one batch of the projection: for a partitioned one, a page of discovery and one batch of
    /// partitions (<see cref="ProjectionBatch.Read"/> counts the events discovery read).
    /// </summary>
    public async Task<ProjectionBatch> RunBatchAsync(string name, CancellationToken cancellationToken = default)
    {
        var projection = Get(name);
        if (!projection.IsPartitioned)
        {
            return await _runner.RunBatchAsync(projection, cancellationToken).ConfigureAwait(false);
        }

        var discovery = await _partitions.DiscoverAsync(projection, wait: false, cancellationToken).ConfigureAwait(false);
        var batch = await _partitions.RunDueAsync(projection, cancellationToken).ConfigureAwait(false);
        return new ProjectionBatch(discovery.Read, batch.Handled, discovery.Position, CaughtUp: discovery.CaughtUp && !batch.More);
    }

    // Discovery until it caught up (or another holds it), alongside as many loops taking due partitions as
    // the host allows; those end once nothing is left to take and discovery is over.
    private async Task<int> CatchUpPartitionsAsync(ProjectionDefinition projection, CancellationToken cancellationToken)
    {
        var discovery = DiscoverAllAsync(projection, cancellationToken);
        var workers = Enumerable.Range(0, _partitionWorkers).Select(_ => DrainAsync(projection, discovery, cancellationToken)).ToArray();

        // Every loop observed, whichever fails (a failing discovery ends the loops with its exception).
        await Task.WhenAll([discovery, .. workers]).ConfigureAwait(false);
        return workers.Sum(static worker => worker.Result);
    }

    private async Task DiscoverAllAsync(ProjectionDefinition projection, CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await _partitions.DiscoverAsync(projection, wait: false, cancellationToken).ConfigureAwait(false);
            if (page.WasBusy || page.CaughtUp)
            {
                return;
            }
        }
    }

    private async Task<int> DrainAsync(ProjectionDefinition projection, Task discovery, CancellationToken cancellationToken)
    {
        var handled = 0;
        while (true)
        {
            // Looked at before claiming: a discovery that commits during an empty claim marked partitions that claim could not see.
            var discovered = discovery.IsCompleted;
            var batch = await _partitions.RunDueAsync(projection, cancellationToken).ConfigureAwait(false);
            handled += batch.Handled;
            if (batch.Claimed > 0)
            {
                continue;
            }

            if (discovered)
            {
                // Discovery's failure is the catch-up's; the partitions handled so far are committed.
                await discovery.ConfigureAwait(false);
                return handled;
            }

            // Discovery is still marking partitions: look again shortly.
            await Task.WhenAny(discovery, Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// Asks for the projection to run: a triggered projection (<see cref="AsynchronousAttribute"/>)
    /// gets a trigger on its channel, in the current unit of work if there is one; a polled one wakes
    /// this host's projection worker. Use it after appending events without an event-sourced repository
    /// (only repositories trigger projections by themselves) or after a reset, to hand the rebuild to the workers.
    /// </summary>
    public ValueTask TriggerAsync(string name, CancellationToken cancellationToken = default) => TriggerAsync(Get(name), cancellationToken);

    /// <summary>
    /// Hands a triggered projection's catch-up (a backfill of a new projection, say) to the consumers of
    /// its channel: sends <paramref name="triggers"/> triggers at once, in the current unit of work if
    /// there is one. Each trigger runs a batch and sends the next while work is left, so each is a chain of
    /// short deliveries; for a partitioned projection, the chains claim different partitions, so as many
    /// consumers (threads or processes) share the work, however many partitions there are.
    /// </summary>
    /// <param name="name">The projection.</param>
    /// <param name="triggers">How many chains to start: up to the consumers that should share the work; 1 for a projection that is not partitioned (its batches take turns).</param>
    /// <param name="cancellationToken">Cancels the sends.</param>
    /// <exception cref="InvalidOperationException">The projection has no channel (the worker of every host running it shares its partitions already).</exception>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one trigger, or more than one for a projection that is not partitioned.</exception>
    public async Task CatchUpOnChannelAsync(string name, int triggers = 1, CancellationToken cancellationToken = default)
    {
        var projection = OnChannel(name, triggers);
        for (var i = 0; i < triggers; i++)
        {
            await TriggerAsync(projection, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Resets a triggered projection (see <see cref="ResetAsync"/>), then hands its rebuild to the consumers
    /// of its channel with <paramref name="triggers"/> triggers (see <see cref="CatchUpOnChannelAsync"/>).
    /// </summary>
    public async Task RebuildOnChannelAsync(string name, int triggers = 1, CancellationToken cancellationToken = default)
    {
        OnChannel(name, triggers); // before the reset: a refused rebuild changes nothing
        await ResetAsync(name, cancellationToken).ConfigureAwait(false);
        await CatchUpOnChannelAsync(name, triggers, cancellationToken).ConfigureAwait(false);
    }

    // The projection, if it can be handed to its channel's consumers with that many triggers.
    private ProjectionDefinition OnChannel(string name, int triggers)
    {
        var projection = Get(name);
        if (projection.Channel is null)
        {
            throw new InvalidOperationException(
                $"Projection '{name}' is polled, not triggered through a channel: run CatchUpAsync, or let the projection worker of each host running it share the work. Put [Asynchronous(\"channel\")] on the class to run it on a channel's consumers.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(triggers);
        return triggers > 1 && !projection.IsPartitioned
            ? throw new ArgumentOutOfRangeException(nameof(triggers), triggers, $"Projection '{name}' is not partitioned: its batches take turns, so one trigger is all it can use.")
            : projection;
    }

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
        if (projection.IsPartitioned)
        {
            // Discovery waits for another: it may have read before the trigger's events were committed.
            var discovery = await _partitions.DiscoverAsync(projection, wait: true, cancellationToken).ConfigureAwait(false);
            var partitions = await _partitions.RunDueAsync(projection, cancellationToken).ConfigureAwait(false);
            if (!discovery.CaughtUp || partitions.More)
            {
                await TriggerAsync(projection, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var batch = await _runner.RunTriggeredAsync(projection, cancellationToken).ConfigureAwait(false);
        if (!batch.CaughtUp)
        {
            await TriggerAsync(projection, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a synchronous projection for events an event-sourced repository just appended (see <see cref="ProjectionRunner.RunSynchronousAsync"/>).</summary>
    internal async Task<ProjectionBatch> RunSynchronousAsync(ProjectionDefinition projection, IReadOnlyList<RecordedEvent> appended, CancellationToken cancellationToken)
    {
        if (!projection.IsPartitioned)
        {
            return await _runner.RunSynchronousAsync(projection, appended, cancellationToken).ConfigureAwait(false);
        }

        var batch = await _partitions.RunSynchronousAsync(projection, appended, cancellationToken).ConfigureAwait(false);
        return new ProjectionBatch(appended.Count, batch.Handled, AllPosition.Start, CaughtUp: true);
    }

    /// <summary>
    /// Where each triggered projection that has work left stands: its committed position, and for a
    /// partitioned one how many discovered events its partitions have not handled (work left: events
    /// after the position, of any stream, or partitions behind). One read of the positions, one of one event each.
    /// </summary>
    internal async Task<IReadOnlyList<(ProjectionDefinition Projection, ProjectionProgress Progress)>> TriggeredBehindAsync(CancellationToken cancellationToken)
    {
        var triggered = _byName.Values.Where(static p => p.Channel is not null).ToArray();
        if (triggered.Length == 0)
        {
            return [];
        }

        var records = (await _store.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(static r => r.Name, StringComparer.Ordinal);
        var behind = new List<(ProjectionDefinition, ProjectionProgress)>();
        foreach (var projection in triggered)
        {
            var position = records.TryGetValue(projection.Name, out var record) ? record.Position : AllPosition.Start;
            var standing = _versions.StandingOf(projection, records);
            if (standing.Phase != ProjectionPhase.Live)
            {
                // A retired version reads nothing; a building one only up to the live version's position.
                if (standing.Phase == ProjectionPhase.Building && standing.LiveRecord!.Position.CompareTo(position) > 0)
                {
                    behind.Add((projection, new ProjectionProgress(position, 0)));
                }

                continue;
            }

            var page = await _events.ReadAllAsync(position, 1, cancellationToken).ConfigureAwait(false);
            var partitionsBehind = projection.IsPartitioned ? (await _store.CountPartitionsAsync(projection.Name, cancellationToken).ConfigureAwait(false)).EventsBehind : 0;
            if (page.Events.Count > 0 || partitionsBehind > 0)
            {
                behind.Add((projection, new ProjectionProgress(position, partitionsBehind)));
            }
        }

        return behind;
    }

    /// <summary>The names of the projections this host's worker runs itself: those without a channel.</summary>
    internal IReadOnlyList<string> PolledNames => [.. Names.Where(name => _byName[name].Channel is null)];

    /// <summary>The versions this host's worker switches to once they caught up: newer versions without <see cref="ProjectionAttribute.ManualTakeOver"/>.</summary>
    internal IReadOnlyList<string> AutomaticTakeOverNames =>
        [.. Names.Where(name => _byName[name] is { ManualTakeOver: false } projection && _versions.IsVersioned(projection) && projection.Version > _versions.Of(projection.Lineage)[0].Version)];

    /// <summary>
    /// Switches readers and emission to a newer version of a projection (<see cref="ProjectionAttribute.Version"/>)
    /// once it has caught up with the live one: in one transaction holding both, it reads what is left up
    /// to the live version's position and records that it took over; older versions then stop. Returns
    /// whether the version is live now: false when it is more than a batch behind, or the live version is
    /// busy (try again), or an even newer version took over.
    /// </summary>
    public async Task<bool> TakeOverAsync(string name, CancellationToken cancellationToken = default)
    {
        var projection = Get(name);
        var standing = await _versions.StandingAsync(projection, _store, cancellationToken).ConfigureAwait(false);
        return standing.Phase switch
        {
            ProjectionPhase.Live => true,
            ProjectionPhase.Retired => false,
            _ => await _runner.TakeOverAsync(projection, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>
    /// The name of the live version of projection <paramref name="name"/> (the name its versions share, as
    /// in <see cref="ProjectionAttribute.Name"/>): the one readers should read. One read of the store for
    /// a projection with several versions in the build; none otherwise.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No projection has that name.</exception>
    public async Task<string> LiveAsync(string name, CancellationToken cancellationToken = default)
    {
        var versions = _versions.Of(name);
        return (await _versions.StandingAsync(versions[0], _store, cancellationToken).ConfigureAwait(false)).Live.Name;
    }

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
            if (projection.IsPartitioned)
            {
                // Discovery's position stays (the partitions know their streams); each partition starts its
                // stream over, replaying up to where it was. Initialized again now, as batches of partitions
                // do not take the projection's lock.
                await projection.InitializeAsync(services, token).ConfigureAwait(false);
                await _store.ResetPartitionsAsync(projection.Name, token).ConfigureAwait(false);
                await _store.SaveAsync(record with { Initialized = true, State = null }, token).ConfigureAwait(false);
                return;
            }

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
            if (projection.IsPartitioned)
            {
                await _store.DeletePartitionsAsync(projection.Name, token).ConfigureAwait(false);
            }

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

    /// <summary>
    /// The <see cref="ProjectionStateAttribute"/> state of one partition (stream) of a partitioned
    /// projection, as last committed, or <see langword="null"/> before a batch saved one.
    /// </summary>
    /// <exception cref="InvalidOperationException">The projection is not partitioned.</exception>
    public async Task<TState?> GetStateAsync<TState>(string name, string partition, CancellationToken cancellationToken = default)
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(partition);
        RequirePartitioned(Get(name));
        var record = await _store.GetPartitionAsync(name, partition, cancellationToken).ConfigureAwait(false);
        return record?.State is { } state ? System.Text.Json.JsonSerializer.Deserialize(state, ProjectionStates.TypeInfo<TState>(_runtime.Json)) : null;
    }

    /// <summary>
    /// Rebuilds one partition (stream) of a partitioned projection while the others keep running: in one
    /// transaction, runs its <see cref="ProjectionPartitionResetAttribute"/> hook and handles its stream
    /// again from the start (replayed: nothing is emitted); returns how many events its handlers took.
    /// </summary>
    /// <exception cref="InvalidOperationException">The projection is not partitioned, or has no partition reset hook.</exception>
    public async Task<int> RebuildPartitionAsync(string name, string partition, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(partition);
        var projection = RequirePartitioned(Get(name));
        return (await _partitions.RebuildOneAsync(projection, partition, cancellationToken).ConfigureAwait(false)).Handled;
    }

    /// <summary>One partition of a partitioned projection as committed, or <see langword="null"/> when it has none of that key.</summary>
    public ValueTask<PartitionRecord?> GetPartitionAsync(string name, string partition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partition);
        RequirePartitioned(Get(name));
        return _store.GetPartitionAsync(name, partition, cancellationToken);
    }

    /// <summary>The failing partitions of a partitioned projection (their error, attempts and next try), the longest failing first.</summary>
    public ValueTask<IReadOnlyList<PartitionRecord>> FailingPartitionsAsync(string name, int limit = 100, CancellationToken cancellationToken = default)
    {
        RequirePartitioned(Get(name));
        return _store.ListFailingPartitionsAsync(name, limit, cancellationToken);
    }

    private static ProjectionDefinition RequirePartitioned(ProjectionDefinition projection) =>
        projection.IsPartitioned ? projection : throw new InvalidOperationException($"Projection '{projection.Name}' is not partitioned ([Projection(Partitioned = true)]).");

    /// <summary>Every projection of the host with its committed position (a projection that never ran is at the start).</summary>
    public async Task<IReadOnlyList<ProjectionStatus>> StatusAsync(CancellationToken cancellationToken = default)
    {
        var records = (await _store.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(static r => r.Name, StringComparer.Ordinal);
        var statuses = new List<ProjectionStatus>(_byName.Count);
        foreach (var name in Names)
        {
            var status = records.TryGetValue(name, out var record)
                ? new ProjectionStatus(name, record.Position, record.Initialized, record.UpdatedAt)
                : new ProjectionStatus(name, AllPosition.Start, Initialized: false, UpdatedAt: null);
            var partitions = Get(name).IsPartitioned ? await _store.CountPartitionsAsync(name, cancellationToken).ConfigureAwait(false) : null;
            var projection = Get(name);
            statuses.Add(status with { Mode = ModeOf(name), Partitions = partitions, Version = projection.Version, Phase = _versions.StandingOf(projection, records).Phase });
        }

        return statuses;
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

        // A partitioned projection's discovered events its partitions did not handle, then those after discovery's position.
        var behind = projection.IsPartitioned ? (await _store.CountPartitionsAsync(name, cancellationToken).ConfigureAwait(false)).EventsBehind : 0;
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

    /// <summary>The definition of the host's projection <paramref name="name"/>.</summary>
    internal ProjectionDefinition Definition(string name) => Get(name);

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

    /// <summary>A partitioned projection's partitions counted (its <see cref="Position"/> is discovery's); null for one that is not partitioned.</summary>
    public PartitionCounts? Partitions { get; init; }

    /// <summary>Its version (<see cref="ProjectionAttribute.Version"/>).</summary>
    public int Version { get; init; } = 1;

    /// <summary>Where it stands among the versions of its projection: live, building beside the live one, or retired.</summary>
    public ProjectionPhase Phase { get; init; }
}

/// <summary>Where a triggered projection stands, to tell whether it moved: its position, and its partitions' events not handled.</summary>
internal readonly record struct ProjectionProgress(AllPosition Position, long PartitionEventsBehind);
