using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace Estuary.Postgres.Tests.EventStore.Torture;

/// <summary>
/// Read-all against real concurrency: writers append to their own and to shared streams (expecting
/// versions, retrying on conflicts), in autocommit or in transactions that are often held open so that
/// later ones commit first, sometimes rolled back; writer processes are SIGKILLed mid-transaction. A
/// reader of all events runs meanwhile, and at the end must have seen exactly the events in the table.
/// A reader by position alone, run beside it as a negative control, must have missed some: the proof
/// that the load commits late. The shared streams' events live in a table of their own (see
/// <see cref="EventStreamTable"/>), so the reader merges two tables. A projection (<see cref="TortureTally"/>) runs
/// beside them as a third reader and must end with one row per committed event. ESTUARY_TORTURE_SECONDS sets how long the writers run (default 30),
/// ESTUARY_TORTURE_SEED the seed of every random choice in this process (printed with the summary).
/// </summary>
[Collection(nameof(ReadAllTortureCollection))]
public sealed class ReadAllTortureTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const int DefaultSeconds = 30;
    private const int AutocommitWriters = 2;
    private const int TransactionalWriters = 4;
    private const int SharedStreams = 4;

    /// <summary>The table of the "shared-..." streams, here and in the writer processes.</summary>
    public const string SharedStreamsTable = "torture_shared";

    // Bounds on waits that take well under a second when nothing is wrong.
    private static readonly TimeSpan s_shutdownTimeout = TimeSpan.FromSeconds(60);

    private ServiceProvider _host = null!;
    private ServiceProvider _projectionHost = null!;

    private IEventStore Store => _host.GetRequiredService<IEventStore>();

    private PostgresUnitOfWork UnitOfWork => _host.GetRequiredService<PostgresUnitOfWork>();

    public async Task InitializeAsync()
    {
        var route = new EventStreamTable("shared", SharedStreamsTable);
        var services = new ServiceCollection();
        services.AddEstuary(estuary => estuary.UsePostgres(database.DataSource, postgres =>
        {
            postgres.Options.SchemaName = database.Schema;
            postgres.Options.EventTables.Add(route);
        }));
        _host = services.BuildServiceProvider();

        // The projection's host: the test project's module, its read model in the test schema.
        var projectionServices = new ServiceCollection();
        var searchingSchema = new Npgsql.NpgsqlDataSourceBuilder(TestDatabase.ConnectionString + $";Search Path=\"{database.Schema}\"").Build();
        projectionServices.AddEstuary(estuary => estuary
            .AddModule<PostgresFlowsModule>()
            .UsePostgres(searchingSchema, postgres =>
            {
                postgres.Options.SchemaName = database.Schema;
                postgres.Options.EventTables.Add(route);
                postgres.AddChannel(Flows.AccountHandlers.Channel, consumer => consumer.RunInHost = false);
            }));
        _projectionHost = projectionServices.BuildServiceProvider();

        // Before the writer processes start: they do not create tables.
        await new PostgresSchema(database.Schema, [route]).EnsureCreatedAsync(database.DataSource, default);
    }

    /// <summary>SQL reading <paramref name="columns"/> of every event, from both events tables.</summary>
    public static string EveryEventsTable(string schema, string columns) =>
        $"SELECT {columns} FROM \"{schema}\".events UNION ALL SELECT {columns} FROM \"{schema}\".events_{SharedStreamsTable}";

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _projectionHost.DisposeAsync();
    }

    [Fact]
    public async Task Read_all_sees_every_committed_event_once_in_order_while_writers_commit_late_roll_back_and_get_killed()
    {
        var duration = TimeSpan.FromSeconds(Setting("ESTUARY_TORTURE_SECONDS", DefaultSeconds));
        var seed = Setting("ESTUARY_TORTURE_SEED", Random.Shared.Next());
        var random = new Random(seed);
        var log = new WriteLog();
        var reader = new AllEventsReader(Store, random.Next());
        var naive = new NaivePositionReader(database.DataSource, database.Schema, random.Next());
        var late = new LateCommitter(Store, UnitOfWork, log, naive, random.Next());
        var processes = new KilledWriterProcesses(database.Schema, SharedStreams, log, random.Next());
        var writers = Enumerable.Range(0, AutocommitWriters + TransactionalWriters)
            .Select(i => new InProcessWriter(Store, UnitOfWork, log, $"w{i}", transactional: i >= AutocommitWriters, SharedStreams, random.Next()))
            .ToList();

        var drain = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stopLate = new CancellationTokenSource();
        using var stopWriters = new CancellationTokenSource();
        var elapsed = Stopwatch.StartNew();
        var projecting = Task.Run(() => ProjectUntilDrainedAsync(drain.Task));
        var readers = new[] { Task.Run(() => reader.RunAsync(drain.Task)), Task.Run(() => naive.RunAsync(drain.Task)), projecting };
        var lateCommits = Task.Run(() => late.RunAsync(stopLate.Token));
        var writing = writers.Select(writer => Task.Run(() => writer.RunAsync(stopWriters.Token))).Append(Task.Run(() => processes.RunAsync(stopWriters.Token))).ToList();
        try
        {
            await Task.Delay(duration);

            // The late committer stops first: its last transaction waits for the others' commits.
            stopLate.Cancel();
            await lateCommits.WaitAsync(s_shutdownTimeout);
            stopWriters.Cancel();
            await Task.WhenAll(writing).WaitAsync(s_shutdownTimeout);
            await WaitUntilEveryAppendingTransactionEndedAsync();
            drain.SetResult();
            await Task.WhenAll(readers).WaitAsync(s_shutdownTimeout);
        }
        finally
        {
            stopLate.Cancel();
            stopWriters.Cancel();
            drain.TrySetResult();
        }

        var stored = await ReadEventsTableAsync();
        var projected = await ReadTallyAsync();
        var catchUps = await projecting;
        var seen = reader.Seen;
        var committed = log.CommittedEvents;
        var rolledBack = log.RolledBackEvents;
        var inDoubt = log.InDoubtTransactions;
        var killed = inDoubt.Where(events => !stored.ContainsKey(events[0])).ToList();
        var naiveMissed = stored.Keys.Where(id => !naive.Seen.Contains(id)).ToList();
        output.WriteLine(
            $"read-all torture, {duration.TotalSeconds:0} s of writes (seed {seed}, {elapsed.Elapsed.TotalSeconds:0.0} s in all): "
            + $"{committed.Count + rolledBack.Count + inDoubt.Sum(events => events.Length)} events written, {stored.Count} committed ({log.Commits} transactions), "
            + $"{rolledBack.Count} rolled back ({log.Rollbacks} transactions), {killed.Sum(events => events.Length)} lost with {killed.Count} transactions "
            + $"of {processes.Kills} killed processes, {log.Conflicts} version conflicts; reader saw {seen.Count} in {reader.Pages} pages; "
            + $"naive reader missed {naiveMissed.Count} ({late.Passed} of {late.Transactions} deliberately late commits passed); "
            + $"the projection holds {projected.Count} rows after {catchUps} catch-ups");

        Assert.True(log.Errors.Count == 0, "Writers failed:\n" + string.Join('\n', log.Errors));

        // Exactly the committed events, each once.
        var duplicates = seen.GroupBy(e => e.EventId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"The reader saw {duplicates.Count} events more than once: {Describe(duplicates, stored)}");
        var seenIds = seen.Select(e => e.EventId).ToHashSet();
        var missing = stored.Keys.Where(id => !seenIds.Contains(id)).ToList();
        Assert.True(missing.Count == 0, $"The reader skipped {missing.Count} of {stored.Count} committed events: {Describe(missing, stored)}");
        var phantoms = seenIds.Where(id => !stored.ContainsKey(id)).ToList();
        Assert.True(phantoms.Count == 0, $"The reader saw {phantoms.Count} events that are not in the table: {string.Join(", ", phantoms.Take(5))}");

        // The projection's read model: one row per committed event, nothing else.
        var projectedTwice = projected.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(projectedTwice.Count == 0, $"The projection handled {projectedTwice.Count} events more than once: {Describe(projectedTwice, stored)}");
        var projectedIds = projected.ToHashSet();
        var notProjected = stored.Keys.Where(id => !projectedIds.Contains(id)).ToList();
        Assert.True(notProjected.Count == 0, $"The projection skipped {notProjected.Count} of {stored.Count} committed events: {Describe(notProjected, stored)}");
        Assert.True(projectedIds.All(stored.ContainsKey), "The projection holds rows of events that are not in the table.");

        // As stored, in the order of their checkpoints, and each stream in version order from 1 without gaps.
        Assert.Contains(seen, e => e.StreamId.StartsWith("shared-", StringComparison.Ordinal));
        Assert.Contains(seen, e => !e.StreamId.StartsWith("shared-", StringComparison.Ordinal));
        foreach (var e in seen)
        {
            var row = stored[e.EventId];
            Assert.Equal((row.StreamId, row.Version, row.Checkpoint), (e.StreamId, e.Version, e.Checkpoint));
        }

        for (var i = 1; i < seen.Count; i++)
        {
            Assert.True(seen[i - 1].Checkpoint.CompareTo(seen[i].Checkpoint) < 0, $"Checkpoint {seen[i].Checkpoint} came after {seen[i - 1].Checkpoint} (events {i - 1} and {i} read).");
        }

        foreach (var stream in seen.GroupBy(e => e.StreamId))
        {
            var versions = stream.Select(e => e.Version).ToList();
            Assert.True(versions.SequenceEqual(Enumerable.Range(1, versions.Count).Select(v => (long)v)), $"Stream '{stream.Key}' was read at versions {string.Join(", ", versions)}.");
        }

        // The table holds what the writers committed, nothing they rolled back, and all or none of each
        // transaction of a killed process.
        var lost = committed.Where(id => !stored.ContainsKey(id)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} events whose commit succeeded are not in the table: {string.Join(", ", lost.Take(5))}");
        var undone = rolledBack.Where(stored.ContainsKey).ToList();
        Assert.True(undone.Count == 0, $"{undone.Count} events of rolled-back transactions are in the table: {Describe(undone, stored)}");
        var inDoubtIds = inDoubt.SelectMany(events => events).ToHashSet();
        var unknown = stored.Keys.Where(id => !committed.Contains(id) && !inDoubtIds.Contains(id)).ToList();
        Assert.True(unknown.Count == 0, $"{unknown.Count} events in the table were never reported committed: {Describe(unknown, stored)}");
        Assert.All(inDoubt, events => Assert.True(events.All(stored.ContainsKey) || !events.Any(stored.ContainsKey), "A killed transaction's events were stored in part."));

        // The load did what it is for: rollbacks, kills that lost open transactions, and late commits
        // that a reader by position misses.
        Assert.NotEmpty(rolledBack);
        Assert.True(killed.Count > 0, $"None of the {processes.Kills} kills caught an open transaction.");
        Assert.True(naiveMissed.Count > 0, "The naive reader by position missed nothing: the load did not commit late, so it proves nothing.");
    }

    /// <summary>Catches the projection up again and again while the writers run, then once more after the drain; returns how many catch-ups ran.</summary>
    private async Task<int> ProjectUntilDrainedAsync(Task drain)
    {
        var projections = _projectionHost.GetRequiredService<EstuaryProjections>();
        var runs = 0;
        while (!drain.IsCompleted)
        {
            await projections.CatchUpAsync("torture_tally");
            runs++;
            await Task.Delay(5);
        }

        await projections.CatchUpAsync("torture_tally");
        return runs + 1;
    }

    /// <summary>The projection's read model: the ids of the events it handled, one row per handling.</summary>
    private async Task<List<Guid>> ReadTallyAsync()
    {
        await using var command = database.DataSource.CreateCommand($"SELECT event_id FROM \"{database.Schema}\".torture_tally");
        await using var rows = await command.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await rows.ReadAsync())
        {
            ids.Add(rows.GetGuid(0));
        }

        return ids;
    }

    private static int Setting(string variable, int defaultValue) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : defaultValue;

    private static string Describe(IEnumerable<Guid> ids, IReadOnlyDictionary<Guid, StoredEvent> stored) =>
        string.Join("; ", ids.Take(5).Select(id => stored.TryGetValue(id, out var row) ? $"{row.StreamId} v{row.Version} at {row.Checkpoint} ({id})" : id.ToString()));

    /// <summary>Waits until readers of all events can pass every stored event: no transaction that may still commit precedes one.</summary>
    private async Task WaitUntilEveryAppendingTransactionEndedAsync()
    {
        var waiting = Stopwatch.StartNew();
        while (!await database.ScalarAsync<bool>($"SELECT pg_snapshot_xmin(pg_current_snapshot()) > COALESCE(max(transaction_id), '0'::xid8) FROM ({EveryEventsTable(database.Schema, "transaction_id")}) AS e"))
        {
            if (waiting.Elapsed > s_shutdownTimeout)
            {
                throw new TimeoutException("A transaction stayed open after every writer stopped (see pg_stat_activity).");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The truth: every event in the two tables.</summary>
    private async Task<Dictionary<Guid, StoredEvent>> ReadEventsTableAsync()
    {
        await using var command = database.DataSource.CreateCommand(EveryEventsTable(database.Schema, "event_id, stream_id, version, transaction_id, position"));
        await using var rows = await command.ExecuteReaderAsync();
        var stored = new Dictionary<Guid, StoredEvent>();
        while (await rows.ReadAsync())
        {
            var id = rows.GetGuid(0);
            stored.Add(id, new StoredEvent(rows.GetString(1), rows.GetInt64(2), new AllPosition(rows.GetFieldValue<ulong>(3), rows.GetInt64(4))));
        }

        return stored;
    }

    private readonly record struct StoredEvent(string StreamId, long Version, AllPosition Checkpoint);
}
