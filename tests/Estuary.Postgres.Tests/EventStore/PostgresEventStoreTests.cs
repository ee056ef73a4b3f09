using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Fixtures.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Estuary.Postgres.Tests.EventStore;

/// <summary>
/// The event store contract against PostgreSQL, as UsePostgres registers it, plus what only a database
/// does (rows, keys, locks; the order of all events is in the .Ordering part).
/// </summary>
public sealed partial class PostgresEventStoreTests(TestDatabase database) : EventStoreContract, IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly ManualClock _clock = new();
    private ServiceProvider _host = null!;

    protected override IEventStore Store => _host.GetRequiredService<IEventStore>();

    private PostgresUnitOfWork UnitOfWork => _host.GetRequiredService<PostgresUnitOfWork>();

    protected override Task InUnitOfWorkAsync(Func<Task> work) => UnitOfWork.RunAsync(_ => work());

    public Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddEstuary(estuary => estuary.UsePostgres(database.DataSource, postgres => postgres.Options.SchemaName = database.Schema));
        _host = services.BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void UsePostgres_registers_the_postgres_store()
    {
        Assert.IsType<PostgresEventStore>(Store);
    }

    [Fact]
    public async Task Events_and_streams_are_rows_that_sql_can_query()
    {
        var stream = NewStream();
        var metadata = new EventMetadata { CorrelationId = "corr-1", AggregateVersion = 7, Headers = new Dictionary<string, string> { ["user"] = "ada" } };
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, [Numbered(1, metadata, "shop.order-placed", revision: 2)]);
        _clock.Advance(TimeSpan.FromMinutes(5));
        await Store.AppendAsync(stream, ExpectedVersion.Exactly(1), [Numbered(2)]);

        await using var read = database.DataSource.CreateCommand($"""
            SELECT e.type, e.revision, (e.data->>'n')::int, e.metadata->>'correlation_id', (e.metadata->>'aggregate_version')::bigint,
                   e.metadata->'headers'->>'user', e.created_at, s.version, s.created_at, s.updated_at
            FROM "{database.Schema}".events e JOIN "{database.Schema}".streams s USING (stream_id)
            WHERE stream_id = $1 AND e.version = 1
            """);
        read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream });
        await using var row = await read.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());

        Assert.Equal(("shop.order-placed", 2, 1), (row.GetString(0), row.GetInt32(1), row.GetInt32(2)));
        Assert.Equal(("corr-1", 7L, "ada"), (row.GetString(3), row.GetInt64(4), row.GetString(5)));
        Assert.Equal(_clock.GetUtcNow() - TimeSpan.FromMinutes(5), row.GetFieldValue<DateTimeOffset>(6));
        Assert.Equal(2L, row.GetInt64(7));
        Assert.Equal(_clock.GetUtcNow() - TimeSpan.FromMinutes(5), row.GetFieldValue<DateTimeOffset>(8));
        Assert.Equal(_clock.GetUtcNow(), row.GetFieldValue<DateTimeOffset>(9));

        // Committed, its transaction id falls below the oldest running transaction's once the
        // transactions that started before it (other test classes hold some open) have ended.
        var waiting = Stopwatch.StartNew();
        while (!await database.ScalarAsync<bool>("SELECT bool_and(transaction_id < pg_snapshot_xmin(pg_current_snapshot())) FROM {schema}.events WHERE stream_id = $1", stream))
        {
            Assert.True(waiting.Elapsed < TimeSpan.FromSeconds(20), "The appends' transaction ids stayed at or above xmin after they committed.");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Read_events_carry_the_clock_time_of_their_append()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, [Numbered(1)]);

        Assert.Equal(_clock.GetUtcNow(), Assert.Single(await Store.ReadStreamAsync(stream)).CreatedAt);
    }

    [Fact]
    public async Task An_event_id_that_is_already_stored_is_refused_and_nothing_of_the_append_is_stored()
    {
        var stream = NewStream();
        var stored = Numbered(1);
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, [stored]);

        var again = await Assert.ThrowsAsync<InvalidOperationException>(async () => await Store.AppendAsync(stream, ExpectedVersion.Any, [stored]));
        var elsewhere = await Assert.ThrowsAsync<InvalidOperationException>(async () => await Store.AppendAsync(NewStream(), ExpectedVersion.Any, [Numbered(2), stored]));
        var twice = Numbered(3);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await Store.AppendAsync(stream, ExpectedVersion.Exactly(1), [twice, twice]));

        Assert.Contains("already in the store", again.Message, StringComparison.Ordinal);
        Assert.IsType<PostgresException>(elsewhere.InnerException);
        Assert.Equal([1], (await Store.ReadStreamAsync(stream)).Select(NumberOf));
        Assert.Equal(1L, (await Store.GetStreamAsync(stream))!.Version);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"n\": 1")]
    [InlineData("{\"n\": 1}, \"type\": \"forged\"")]
    public async Task A_payload_that_is_not_one_json_value_is_refused_before_anything_is_sent(string payload)
    {
        var stream = NewStream();
        var invalid = new EventData(Guid.NewGuid(), "t", Encoding.UTF8.GetBytes(payload), EventMetadata.Empty);

        var alone = await Assert.ThrowsAsync<ArgumentException>("events", async () => await Store.AppendAsync(stream, ExpectedVersion.Any, [invalid]));
        var among = await Assert.ThrowsAsync<ArgumentException>("events", async () => await Store.AppendAsync(stream, ExpectedVersion.Any, [Numbered(1), invalid]));

        Assert.Contains("Event 0", alone.Message, StringComparison.Ordinal);
        Assert.Contains("Event 1", among.Message, StringComparison.Ordinal);
        Assert.Contains(invalid.EventId.ToString(), among.Message, StringComparison.Ordinal);
        Assert.Null(await Store.GetStreamAsync(stream));
    }

    [Fact]
    public async Task Append_racing_an_open_transaction_on_the_same_version_waits_for_it_then_fails()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, [Numbered(1)]);
        var appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var commit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = Task.Run(() => UnitOfWork.RunAsync(async _ =>
        {
            await Store.AppendAsync(stream, ExpectedVersion.Exactly(1), Numbered(2, 2));
            appended.SetResult();
            await commit.Task;
        }));
        await appended.Task;

        var second = Task.Run(async () => await Store.AppendAsync(stream, ExpectedVersion.Exactly(1), [Numbered(99)]));
        await WaitUntilBlockedOnALockAsync("streams");
        Assert.False(second.IsCompleted);

        commit.SetResult();
        await first;
        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(() => second);

        Assert.Equal((1L, 3L), (error.ExpectedVersion, error.ActualVersion));
        Assert.Equal([1, 2, 3], (await Store.ReadStreamAsync(stream)).Select(NumberOf));
    }

    [Fact]
    public async Task Deleting_a_stream_waits_for_an_append_in_flight_and_deletes_its_events_too()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, [Numbered(1)]);
        var appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var commit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var append = Task.Run(() => UnitOfWork.RunAsync(async _ =>
        {
            await Store.AppendAsync(stream, ExpectedVersion.Exactly(1), Numbered(2, 2));
            appended.SetResult();
            await commit.Task;
        }));
        await appended.Task;

        var delete = Task.Run(async () => await Store.DeleteStreamAsync(stream));
        await WaitUntilBlockedOnALockAsync("streams");
        commit.SetResult();
        await append;

        Assert.True(await delete);
        Assert.Empty(await Store.ReadStreamAsync(stream));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM {schema}.events WHERE stream_id = $1", stream));
        Assert.Equal(1L, (await Store.AppendAsync(stream, ExpectedVersion.NoStream, [Numbered(10)])).NextExpectedVersion);
    }

    [Fact]
    public async Task Store_built_directly_creates_its_tables_on_first_use_unless_told_not_to()
    {
        var schema = "t_" + Guid.NewGuid().ToString("N");
        try
        {
            var manual = new PostgresEventStore(database.DataSource, new PostgresOptions { SchemaName = schema, AutoCreateSchema = false });
            await Assert.ThrowsAsync<PostgresException>(async () => await manual.AppendAsync("s", ExpectedVersion.NoStream, [Numbered(1)]));

            var automatic = new PostgresEventStore(database.DataSource, new PostgresOptions { SchemaName = schema });
            await automatic.AppendAsync("s", ExpectedVersion.NoStream, [Numbered(1)]);
            Assert.Equal(1, NumberOf(Assert.Single(await manual.ReadStreamAsync("s"))));
        }
        finally
        {
            await using var drop = database.DataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task Schema_script_runs_again_over_existing_tables_and_keeps_their_events()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Numbered(1, 2));

        var script = new PostgresSchema(database.Schema).Script();
        for (var run = 0; run < 2; run++)
        {
            await using var again = database.DataSource.CreateCommand(script);
            await again.ExecuteNonQueryAsync();
        }

        Assert.Equal([1, 2], (await Store.ReadStreamAsync(stream)).Select(NumberOf));
        var indexes = await database.ScalarAsync<string>(
            "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE schemaname = $1 AND tablename IN ('events', 'streams')",
            database.Schema);
        Assert.Equal("events_event_id,events_pkey,events_stream_version,events_transaction_position,streams_pkey", indexes);
    }

    private async Task WaitUntilBlockedOnALockAsync(string table)
    {
        var waiting = Stopwatch.StartNew();
        while (await database.ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE $1",
            $"%\"{database.Schema}\".{table}%") == 0)
        {
            Assert.True(waiting.Elapsed < TimeSpan.FromSeconds(10), $"No statement on {table} ever waited for the open transaction's lock.");
            await Task.Delay(20);
        }
    }

    // Runs on a flow without the test's unit of work, so the store uses a connection of its own.
    private static async Task<T> OutsideAsync<T>(Func<Task<T>> work)
    {
        Task<T> outside;
        using (ExecutionContext.SuppressFlow())
        {
            outside = Task.Run(work);
        }

        return await outside;
    }
}
