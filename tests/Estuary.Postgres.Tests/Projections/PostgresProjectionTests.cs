using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Postgres.Tests.Projections;

/// <summary>
/// A projection on the PostgreSQL event store: read in batches from its committed position, each
/// batch one transaction with the read model's rows, stopped by a failing event and going on by itself
/// once the handler is fixed, never skipping an event that commits late.
/// </summary>
public sealed class PostgresProjectionTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private ServiceProvider _host = null!;
    private int _appended;

    private EstuaryProjections Projections => _host.GetRequiredService<EstuaryProjections>();

    public Task InitializeAsync()
    {
        _host = CreateHost();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await database.ScalarAsync<int>("DROP TABLE IF EXISTS {schema}.gate_passes; DELETE FROM {schema}.projections; DELETE FROM {schema}.events; DELETE FROM {schema}.streams; SELECT 1");
    }

    [Fact]
    public async Task Catching_up_reads_only_its_streams_in_order_in_batches_and_commits_its_position()
    {
        await AppendAsync("pg-gates-1", new GatePassed("g1", "ada"), new GatePassed("g1", "bob"));
        await AppendAsync("pg-other-1", new GatePassed("x", "not read"));
        await AppendAsync("pg-gates-2", new GatePassed("g2", "cy"), new GateClosed("g2"));
        await AppendAsync("pg-gates-1", new GatePassed("g1", "dee"));

        var handled = await Projections.CatchUpAsync("gate_passes");

        Assert.Equal(5, handled);
        Assert.Equal(["g1 ada", "g1 bob", "g2 cy", "g2 (closed)", "g1 dee"], await RowsAsync());
        var status = (await Projections.StatusAsync()).Single(s => s.Name == "gate_passes");
        Assert.True(status.Initialized);
        Assert.Equal(await LastCheckpointAsync(), status.Position);

        // Six events in batches of three: two batches handled events, each flushed once.
        Assert.Equal(2, _host.GetRequiredService<GateFlushes>().Count);
        Assert.Equal(0, await Projections.CatchUpAsync("gate_passes"));
    }

    [Fact]
    public async Task A_failing_event_rolls_back_its_batch_and_the_fixed_projection_goes_on_from_there_by_itself()
    {
        await AppendAsync("pg-gates-3", new GatePassed("g3", "ada"), new GatePassed("g3", "bob"), new GatePassed("g3", "cy"));
        await AppendAsync("pg-gates-3", new GatePassed("g3", "mallory"), new GatePassed("g3", "eve"));
        var bug = _host.GetRequiredService<GateBug>();
        bug.FailsFor = "mallory";

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Projections.CatchUpAsync("gate_passes"));

        // The first batch of three committed; the second, with mallory, left nothing.
        Assert.Contains("mallory", failure.Message, StringComparison.Ordinal);
        Assert.Equal(["g3 ada", "g3 bob", "g3 cy"], await RowsAsync());
        var stopped = (await Projections.StatusAsync()).Single(s => s.Name == "gate_passes").Position;
        await Assert.ThrowsAsync<InvalidOperationException>(() => Projections.CatchUpAsync("gate_passes"));
        Assert.Equal(stopped, (await Projections.StatusAsync()).Single(s => s.Name == "gate_passes").Position);

        bug.FailsFor = null;
        var handled = await Projections.CatchUpAsync("gate_passes");

        Assert.Equal(2, handled);
        Assert.Equal(["g3 ada", "g3 bob", "g3 cy", "g3 mallory", "g3 eve"], await RowsAsync());
    }

    [Fact]
    public async Task An_event_that_commits_late_is_read_after_the_events_committed_before_it_never_skipped()
    {
        var appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var commit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var unitOfWork = _host.GetRequiredService<PostgresUnitOfWork>();
        var early = Task.Run(() => unitOfWork.RunAsync(async _ =>
        {
            await AppendAsync("pg-gates-4", visible: false, new Dictionary<string, string>(), new GatePassed("g4", "early"));
            appended.SetResult();
            await commit.Task;
        }));
        await appended.Task;
        await AppendAsync("pg-gates-5", visible: false, new Dictionary<string, string>(), new GatePassed("g5", "late"));

        // The later commit has a higher transaction order than the open one: it waits with it.
        Assert.Equal(0, await Projections.CatchUpAsync("gate_passes"));
        commit.SetResult();
        await early;
        await WaitUntilVisibleAsync();
        Assert.Equal(2, await Projections.CatchUpAsync("gate_passes"));

        Assert.Equal(["g4 early", "g5 late"], await RowsAsync());
    }

    [Fact]
    public async Task Publishing_an_event_on_the_bus_does_not_run_the_projections_handlers()
    {
        _host.GetRequiredService<GateBug>().FailsFor = "bus";

        await _host.GetRequiredService<IEventBus>().PublishAsync(new GatePassed("g0", "bus"));

        var status = (await Projections.StatusAsync()).Single(s => s.Name == "gate_passes");
        Assert.Equal((AllPosition.Start, false), (status.Position, status.Initialized));
        Assert.Equal(0, _host.GetRequiredService<GateFlushes>().Count);
    }

    [Fact]
    public async Task Events_carry_their_metadata_headers_to_the_handlers()
    {
        await AppendAsync("pg-gates-6", new Dictionary<string, string> { ["seen-by"] = "camera 2" }, new GatePassed("g6", "ada"));

        await Projections.CatchUpAsync("gate_passes");

        Assert.Equal(["camera 2"], await ColumnAsync("seen_by"));
    }

    [Fact]
    public async Task Rebuilding_a_projection_that_never_ran_creates_its_read_model_before_the_reset_hook_empties_it()
    {
        await AppendAsync("pg-gates-1", new GatePassed("g1", "ada"));

        // The reset hook deletes from the table, which only the initialization hook creates.
        Assert.Equal(1, await Projections.RebuildAsync("gate_passes"));

        Assert.Equal(["g1 ada"], await RowsAsync());
    }

    [Fact]
    public async Task Rebuilding_empties_the_read_model_in_the_reset_hook_and_replays_every_event_once()
    {
        await AppendAsync("pg-gates-7", new GatePassed("g7", "ada"), new GatePassed("g7", "bob"));
        await Projections.CatchUpAsync("gate_passes");

        var handled = await Projections.RebuildAsync("gate_passes");

        Assert.Equal(2, handled);
        Assert.Equal(["g7 ada", "g7 bob"], await RowsAsync());
    }

    [Fact]
    public async Task Deleting_drops_the_read_model_and_forgets_the_position_so_the_next_run_starts_over()
    {
        await AppendAsync("pg-gates-8", new GatePassed("g8", "ada"));
        await Projections.CatchUpAsync("gate_passes");

        await Projections.DeleteAsync("gate_passes");

        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE schemaname = '" + database.Schema + "' AND tablename = 'gate_passes'"));
        var status = (await Projections.StatusAsync()).Single(s => s.Name == "gate_passes");
        Assert.Equal((AllPosition.Start, false, (DateTimeOffset?)null), (status.Position, status.Initialized, status.UpdatedAt));
        Assert.Equal(1, await Projections.CatchUpAsync("gate_passes"));
        Assert.Equal(["g8 ada"], await RowsAsync());
    }

    [Fact]
    public async Task Two_hosts_catching_up_the_same_projection_at_once_handle_every_event_exactly_once()
    {
        await using var other = CreateHost();
        var stop = false;
        var workers = new[] { _host, other }.Select(host => Task.Run(async () =>
        {
            var projections = host.GetRequiredService<EstuaryProjections>();
            while (!Volatile.Read(ref stop))
            {
                await projections.CatchUpAsync("gate_passes");
            }
        })).ToArray();
        for (var i = 0; i < 60; i++)
        {
            await AppendAsync("pg-gates-9" + (i % 4), new GatePassed("g9", "p" + i));
        }

        Volatile.Write(ref stop, true);
        await Task.WhenAll(workers);
        await Projections.CatchUpAsync("gate_passes");

        var events = await ColumnAsync("event_id");
        Assert.Equal(60, events.Count);
        Assert.Equal(60, events.Distinct().Count());
    }

    private ServiceProvider CreateHost() => ProjectionHost.Create(database);

    private Task AppendAsync(string stream, params object[] events) => AppendAsync(stream, visible: true, new Dictionary<string, string>(), events);

    private Task AppendAsync(string stream, Dictionary<string, string> headers, params object[] events) => AppendAsync(stream, visible: true, headers, events);

    /// <summary>
    /// Appends, and with <paramref name="visible"/> waits until readers of all events see what was appended:
    /// they only see transactions older than every one still running in the server, and tests of other
    /// classes run meanwhile, so an event committed a moment ago may still be withheld.
    /// </summary>
    private async Task AppendAsync(string stream, bool visible, Dictionary<string, string> headers, params object[] events)
    {
        var runtime = _host.GetRequiredService<Runtime.EstuaryRuntime>();
        var data = new List<EventData>();
        foreach (var @event in events)
        {
            data.Add(await runtime.Events.SerializeAsync(@event, new EventMetadata { Headers = headers }));
        }

        await _host.GetRequiredService<IEventStore>().AppendAsync(stream, ExpectedVersion.Any, data);
        _appended += data.Count;
        if (visible)
        {
            await WaitUntilVisibleAsync();
        }
    }

    private async Task WaitUntilVisibleAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await _host.GetRequiredService<IEventStore>().ReadAllAsync(AllPosition.Start, 10_000)).Events.Count < _appended)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The {_appended} events appended did not become visible to readers of all events.");
            }

            await Task.Delay(20);
        }
    }

    private async Task<AllPosition> LastCheckpointAsync()
    {
        var page = await _host.GetRequiredService<IEventStore>().ReadAllAsync(AllPosition.Start, 10_000);
        return page.Next;
    }

    private async Task<List<string>> RowsAsync() => await QueryAsync("SELECT gate || ' ' || person FROM {schema}.gate_passes ORDER BY ctid");

    private async Task<List<string>> ColumnAsync(string column) => await QueryAsync($"SELECT {column}::text FROM {{schema}}.gate_passes ORDER BY ctid");

    private async Task<List<string>> QueryAsync(string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql.Replace("{schema}", $"\"{database.Schema}\"", StringComparison.Ordinal));
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
