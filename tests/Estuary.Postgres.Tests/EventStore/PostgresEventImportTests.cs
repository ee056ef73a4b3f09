using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Postgres.Tests.EventStore;

/// <summary>Bulk import with binary COPY, in a schema of its own (its many events would slow down every read of all events).</summary>
public sealed class PostgresEventImportTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset s_recorded = new(2021, 3, 4, 5, 6, 7, TimeSpan.FromHours(2));
    private readonly ManualClock _clock = new();

    private PostgresEventStore Store => new(database.DataSource, database.Options, _clock);

    [Fact]
    public async Task Import_of_50k_events_of_interleaved_streams_reads_back_with_versions_in_arrival_order()
    {
        const int Streams = 500;
        const int PerStream = 100;
        var prefix = "import-" + Guid.NewGuid().ToString("N")[..8] + "-";

        // Round-robin over the streams: every stream's events arrive in order, but never next to each other.
        var imported = await Store.ImportAsync(Generate(Streams * PerStream, n => (prefix + (n % Streams), n)));

        Assert.Equal(Streams * PerStream, imported);
        Assert.Equal((long)Streams * PerStream, await database.ScalarAsync<long>("SELECT count(*) FROM {schema}.events WHERE stream_id LIKE $1", prefix + "%"));
        Assert.Equal((long)Streams, await database.ScalarAsync<long>("SELECT count(*) FROM {schema}.streams WHERE stream_id LIKE $1 AND version = 100", prefix + "%"));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(DISTINCT transaction_id) FROM {schema}.events WHERE stream_id LIKE $1", prefix + "%"));

        var stream = await Store.ReadStreamAsync(prefix + "7");
        Assert.Equal(Enumerable.Range(1, PerStream).Select(v => (long)v), stream.Select(e => e.StreamVersion));
        Assert.Equal(Enumerable.Range(0, PerStream).Select(i => 7 + (i * Streams)), stream.Select(Number));
        Assert.All(stream, e => Assert.Equal(s_recorded, e.CreatedAt));
        Assert.Equal("corr-7", stream[0].Metadata.CorrelationId);

        // Appending goes on after the imported events.
        var appended = await Store.AppendAsync(prefix + "7", ExpectedVersion.Exactly(PerStream), [Event(-1)]);
        Assert.Equal(PerStream + 1L, appended.NextExpectedVersion);
    }

    [Fact]
    public async Task Imported_events_are_read_all_together_in_arrival_order()
    {
        var a = "a-" + Guid.NewGuid().ToString("N");
        var b = "b-" + Guid.NewGuid().ToString("N");

        await Store.ImportAsync(Generate(6, n => (n % 3 == 0 ? a : b, n)));

        // Readers of all events wait for every write transaction of the server that started before the
        // import's to end (other test classes run meanwhile), so read on until the six events came.
        var mine = new List<RecordedEvent>();
        var position = AllPosition.Start;
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        while (mine.Count < 6 && waiting.Elapsed < TimeSpan.FromSeconds(20))
        {
            var page = await Store.ReadAllAsync(position, 100_000);
            mine.AddRange(page.Events.Where(e => e.StreamId == a || e.StreamId == b));
            position = page.Next;
            if (page.Events.Count == 0)
            {
                await Task.Delay(20);
            }
        }

        Assert.Equal([0, 1, 2, 3, 4, 5], mine.Select(Number));
        Assert.Equal([1L, 1, 2, 2, 3, 4], mine.Select(e => e.StreamVersion));
    }

    [Fact]
    public async Task Import_into_a_stream_that_has_events_is_refused_and_imports_nothing()
    {
        var existing = "existing-" + Guid.NewGuid().ToString("N");
        var fresh = "fresh-" + Guid.NewGuid().ToString("N");
        await Store.AppendAsync(existing, ExpectedVersion.NoStream, [Event(1)]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await Store.ImportAsync(Generate(4, n => (n < 2 ? fresh : existing, n))));

        Assert.Contains("already has events", error.Message, StringComparison.Ordinal);
        Assert.Null(await Store.GetStreamAsync(fresh));
        Assert.Equal(1L, (await Store.GetStreamAsync(existing))!.Version);
        Assert.Single(await Store.ReadStreamAsync(existing));
    }

    [Fact]
    public async Task Import_fills_a_stream_that_holds_only_metadata()
    {
        var stream = "meta-" + Guid.NewGuid().ToString("N");
        await Store.SetStreamMetadataAsync(stream, new Dictionary<string, string> { ["owner"] = "billing" });

        await Store.ImportAsync(Generate(3, n => (stream, n)));

        var state = await Store.GetStreamAsync(stream);
        Assert.Equal(3L, state!.Version);
        Assert.Equal("billing", state.Metadata["owner"]);
    }

    [Fact]
    public async Task A_failure_half_way_imports_nothing()
    {
        var stream = "failing-" + Guid.NewGuid().ToString("N");

        await Assert.ThrowsAsync<ArgumentException>("events", async () =>
            await Store.ImportAsync(Generate(1_000, n => (n == 700 ? "" : stream, n))));
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await Store.ImportAsync(FailingAfter(stream, 500)));

        Assert.Null(await Store.GetStreamAsync(stream));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM {schema}.events WHERE stream_id = $1", stream));
    }

    [Fact]
    public async Task Import_inside_a_unit_of_work_joins_it_and_is_undone_when_it_rolls_back()
    {
        var stream = "uow-" + Guid.NewGuid().ToString("N");
        var services = new ServiceCollection();
        services.AddEstuary(estuary => estuary.UsePostgres(database.DataSource, postgres => postgres.Options.SchemaName = database.Schema));
        await using var host = services.BuildServiceProvider();
        var store = (PostgresEventStore)host.GetRequiredService<IEventStore>();

        await Assert.ThrowsAsync<TimeoutException>(() => host.GetRequiredService<PostgresUnitOfWork>().RunAsync(async _ =>
        {
            Assert.Equal(10L, await store.ImportAsync(Generate(10, n => (stream, n))));
            Assert.Equal(10L, (await store.GetStreamAsync(stream))!.Version);
            throw new TimeoutException("The migration's next step failed.");
        }));

        Assert.Null(await Store.GetStreamAsync(stream));
    }

    private static EventData Event(int n) =>
        new(Guid.CreateVersion7(), "thing-happened", Encoding.UTF8.GetBytes($$"""{"n": {{n}}}"""), new EventMetadata { CorrelationId = "corr-" + n });

    private static int Number(RecordedEvent recorded) => System.Text.Json.Nodes.JsonNode.Parse(recorded.Data.Span)!["n"]!.GetValue<int>();

    // Made one at a time as the import asks for them, like rows read from another store.
    private static async IAsyncEnumerable<ImportedEvent> Generate(int count, Func<int, (string Stream, int N)> shape)
    {
        for (var i = 0; i < count; i++)
        {
            var (stream, n) = shape(i);
            yield return new ImportedEvent(stream, Event(n), s_recorded);
            if (i % 10_000 == 0)
            {
                await Task.Yield();
            }
        }
    }

    private static async IAsyncEnumerable<ImportedEvent> FailingAfter(string stream, int count, [EnumeratorCancellation] System.Threading.CancellationToken cancellationToken = default)
    {
        await foreach (var item in Generate(count, n => (stream, n)).WithCancellation(cancellationToken))
        {
            yield return item;
        }

        throw new InvalidOperationException("The old store went away.");
    }
}
