using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace Estuary.Postgres.Tests.Reliability;

/// <summary>
/// Three worker processes run the ledger worker's partitioned projection (<c>ledger_partitions</c>, one
/// row per event with its stream, version and worker, in insertion order) while events keep being
/// appended; one is killed with SIGKILL halfway. Every event is handled exactly once, each stream in its
/// order, and the partitions are shared between the processes.
/// </summary>
public sealed class PartitionedWorkerTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>
{
    private readonly ProjectedRows _rows = new(database, "partitioned_entries");

    private const int Streams = 60;
    private const int Rounds = 12;
    private const int EventsPerRound = 3;

    [Fact]
    public async Task Worker_processes_share_the_partitions_and_each_stream_is_handled_once_in_order_even_when_one_is_killed()
    {
        await database.ScalarAsync<int>("CREATE TABLE {schema}.partitioned_entries (seq bigint GENERATED ALWAYS AS IDENTITY, stream_id text NOT NULL, version bigint NOT NULL, worker integer NOT NULL); SELECT 1");
        await using var host = _rows.CreateHost();
        var store = host.GetRequiredService<IEventStore>();
        await AppendRoundAsync(store);

        var workers = new List<WorkerProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                workers.Add(await WorkerProcess.StartAsync(database.Schema, "partitions"));
            }

            for (var round = 1; round < Rounds; round++)
            {
                await AppendRoundAsync(store);
                if (round == Rounds / 2)
                {
                    workers[0].Kill();
                    output.WriteLine($"killed a worker with {await _rows.CountAsync()} events handled");
                }

                await Task.Delay(20);
            }

            await _rows.WaitForAsync(Streams * Rounds * EventsPerRound);
            await Task.Delay(300);
        }
        finally
        {
            workers.ForEach(worker => worker.Dispose());
        }

        Assert.Equal((long)Streams * Rounds * EventsPerRound, await _rows.CountAsync());
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM (SELECT 1 FROM {schema}.partitioned_entries GROUP BY stream_id, version HAVING count(*) <> 1) duplicated"));
        Assert.Equal(0L, await database.ScalarAsync<long>("""
            SELECT count(*) FROM (
                SELECT version, lag(version) OVER (PARTITION BY stream_id ORDER BY seq) AS previous FROM {schema}.partitioned_entries
            ) handled WHERE version <> COALESCE(previous, 0) + 1
            """));
        var perWorker = await database.ScalarAsync<long>("SELECT count(DISTINCT worker) FROM {schema}.partitioned_entries");
        output.WriteLine($"{perWorker} workers handled events");
        Assert.True(perWorker >= 2, "The partitions were not shared between the worker processes.");
    }

    // Three events more in every stream, as another program would append them.
    private static async Task AppendRoundAsync(IEventStore store)
    {
        for (var stream = 0; stream < Streams; stream++)
        {
            var events = Enumerable.Range(0, EventsPerRound)
                .Select(i => new EventData(Guid.CreateVersion7(), "ledger.entry-booked", Encoding.UTF8.GetBytes($"{{\"EntryId\":{(stream * 1000) + i}}}"), EventMetadata.Empty))
                .ToArray();
            await store.AppendAsync("entries-" + stream, ExpectedVersion.Any, events);
        }
    }
}
