using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Estuary.Fixtures.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Estuary.Postgres.Tests.EventStore;

/// <summary>
/// The event store contract again, with most of the suite's streams routed to events tables of their
/// own (streams "order-..." to events_orders, "a-..." and "b-..." to events_ab, "deleted-..." and
/// "undone-..." to events_gone; the others stay in the shared table), so reading all events merges
/// tables; plus what only table routing does.
/// </summary>
public sealed class PostgresEventTablesTests(TestDatabase database) : EventStoreContract, IClassFixture<TestDatabase>, IAsyncLifetime
{
    private static readonly EventStreamTable[] s_routes =
    [
        new("order", "orders"), new("a", "ab"), new("b", "ab"), new("deleted", "gone"), new("undone", "gone"),
    ];

    private ServiceProvider _host = null!;

    protected override IEventStore Store => _host.GetRequiredService<IEventStore>();

    protected override Task InUnitOfWorkAsync(Func<Task> work) => _host.GetRequiredService<PostgresUnitOfWork>().RunAsync(_ => work());

    public Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddEstuary(estuary => estuary.UsePostgres(database.DataSource, postgres =>
        {
            postgres.Options.SchemaName = database.Schema;
            foreach (var route in s_routes)
            {
                postgres.Options.EventTables.Add(route);
            }
        }));
        _host = services.BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Routed_streams_keep_their_events_in_their_own_table_and_the_rest_in_the_shared_one()
    {
        var order = NewStream("order");
        var line = NewStream("a");
        var other = NewStream("orderly");
        await Store.AppendAsync(order, ExpectedVersion.NoStream, Numbered(1, 2));
        await Store.AppendAsync(line, ExpectedVersion.NoStream, Numbered(3, 1));
        await Store.AppendAsync(other, ExpectedVersion.NoStream, Numbered(4, 1));

        Assert.Equal((2L, 0L, 0L), (await CountAsync("events_orders", order), await CountAsync("events", order), await CountAsync("events_ab", order)));
        Assert.Equal((1L, 0L), (await CountAsync("events_ab", line), await CountAsync("events", line)));

        // "orderly-..." is not "order-...": the prefix ends at the dash.
        Assert.Equal((1L, 0L), (await CountAsync("events", other), await CountAsync("events_orders", other)));
        Assert.Equal([1, 2], (await Store.ReadStreamAsync(order)).Select(NumberOf));
        Assert.Equal([2, 1], (await Store.ReadStreamAsync(order, ReadDirection.Backwards)).Select(NumberOf));
    }

    [Fact]
    public async Task Positions_come_from_one_sequence_so_a_checkpoint_orders_events_across_tables()
    {
        var streams = new[] { NewStream("order"), NewStream("kept"), NewStream("b"), NewStream("order") };
        for (var n = 0; n < 8; n++)
        {
            await Store.AppendAsync(streams[n % 4], n < 4 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(1), [Numbered(n)]);
        }

        var all = await ReadAllOfAsync(streams, expected: 8, batchSize: 3);

        Assert.Equal(Enumerable.Range(0, 8), all.Select(NumberOf));
        Assert.Equal(all.Count, all.Select(e => e.Position).Distinct().Count());
    }

    [Fact]
    public async Task Read_all_withholds_a_shared_table_commit_while_an_earlier_writer_of_an_own_table_is_open()
    {
        var early = NewStream("order");
        var late = NewStream("late");
        var appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var commit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var earlyWriter = Task.Run(() => InUnitOfWorkAsync(async () =>
        {
            await Store.AppendAsync(early, ExpectedVersion.NoStream, [Numbered(1)]);
            appended.SetResult();
            await commit.Task;
        }));
        await appended.Task;
        await Store.AppendAsync(late, ExpectedVersion.NoStream, [Numbered(2)]);

        var whileOpen = await Store.ReadAllAsync(AllPosition.Start, batchSize: 10_000);
        Assert.DoesNotContain(whileOpen.Events, e => e.StreamId == early || e.StreamId == late);

        commit.SetResult();
        await earlyWriter;
        var all = await ReadAllOfAsync([early, late], expected: 2);
        Assert.Equal([early, late], all.Select(e => e.StreamId));
    }

    [Fact]
    public async Task Import_fills_the_table_of_its_streams_and_refuses_streams_of_two_tables()
    {
        var store = (PostgresEventStore)Store;
        var first = NewStream("order");
        var second = NewStream("order");

        Assert.Equal(4, await store.ImportAsync(Imported((first, 1), (second, 2), (first, 3), (second, 4))));
        Assert.Equal((2L, 0L), (await CountAsync("events_orders", first), await CountAsync("events", first)));
        Assert.Equal(2, (await Store.GetStreamAsync(second))!.Version);

        var mixed = NewStream("order");
        var shared = NewStream("kept");
        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await store.ImportAsync(Imported((mixed, 1), (shared, 2))));
        Assert.Contains("one events table", error.Message, StringComparison.Ordinal);
        Assert.Null(await Store.GetStreamAsync(mixed));
        Assert.Equal(0L, await CountAsync("events_orders", mixed));
    }

    [Fact]
    public async Task An_event_id_stored_in_an_own_table_is_refused_there_with_the_clear_error()
    {
        var stream = NewStream("order");
        var once = Numbered(1);
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, [once]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await Store.AppendAsync(stream, ExpectedVersion.Any, [once]));

        Assert.Contains("already in the store", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await Store.GetStreamAsync(stream))!.Version);
    }

    [Fact]
    public void One_prefix_routed_to_two_tables_is_refused_when_the_store_is_built()
    {
        var options = new PostgresOptions { SchemaName = database.Schema };
        options.EventTables.Add(new EventStreamTable("order", "orders"));

        var error = Assert.Throws<ArgumentException>(() => new PostgresEventStore(database.DataSource, options, eventTables: [new EventStreamTable("order", "purchases")]));

        Assert.Contains("events_orders and events_purchases", error.Message, StringComparison.Ordinal);
        _ = new PostgresEventStore(database.DataSource, options, eventTables: [new EventStreamTable("order", "orders")]);
    }

    [Theory]
    [InlineData("Orders")]
    [InlineData("1orders")]
    [InlineData("order-lines")]
    [InlineData("")]
    [InlineData("a_table_name_longer_than_thirty_")]
    [InlineData("event_id")]
    [InlineData("orders_transaction_position")]
    public void Table_names_that_cannot_name_a_table_are_refused(string table)
    {
        var error = Assert.Throws<ArgumentException>(() => new EventStreamTable("orders", table));

        Assert.Equal("table", error.ParamName);
    }

    [Fact]
    public async Task A_table_added_later_is_created_in_a_schema_that_already_exists()
    {
        // The shared tables exist (this class's host created them); a store routing a new prefix adds its table.
        await Store.AppendAsync(NewStream("kept"), ExpectedVersion.NoStream, [Numbered(1)]);
        var options = new PostgresOptions { SchemaName = database.Schema };
        options.EventTables.Add(new EventStreamTable("late", "late_arrivals"));
        var store = new PostgresEventStore(database.DataSource, options);
        var stream = NewStream("late");

        await store.AppendAsync(stream, ExpectedVersion.NoStream, [Numbered(1)]);

        Assert.Equal(1L, await CountAsync("events_late_arrivals", stream));
        Assert.Contains($"CREATE TABLE IF NOT EXISTS \"{database.Schema}\".events_late_arrivals", new PostgresSchema(database.Schema, options.EventTables).Script(), StringComparison.Ordinal);
    }

    private async Task<long> CountAsync(string table, string stream)
    {
        await using var count = database.DataSource.CreateCommand($"SELECT count(*) FROM \"{database.Schema}\".{table} WHERE stream_id = $1");
        count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream });
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async IAsyncEnumerable<ImportedEvent> Imported(params (string Stream, int N)[] events)
    {
        foreach (var (stream, n) in events)
        {
            await Task.Yield();
            yield return new ImportedEvent(stream, Numbered(n));
        }
    }
}
