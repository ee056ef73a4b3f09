using System;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace Estuary.Postgres.Tests.Reliability;

/// <summary>
/// A worker catching up a projection (the ledger worker's <c>ledger_entries</c>, one row per event in
/// the batch's transaction) is killed with SIGKILL at random points, batches included. After a final
/// worker catches up, the read model equals a full replay: every event exactly once.
/// </summary>
public sealed class ProjectionCrashTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>
{
    private readonly ProjectedRows _rows = new(database, "projected_entries");

    private const int Entries = 800;
    private const int Kills = 5;

    [Fact]
    public async Task The_read_model_equals_a_full_replay_after_projection_workers_are_killed_mid_batch()
    {
        await database.ScalarAsync<int>("CREATE TABLE {schema}.projected_entries (entry_id integer NOT NULL); SELECT 1");
        await AppendAsync();

        var random = new Random(Environment.TickCount);
        var interrupted = 0;
        for (var kill = 0; kill < Kills; kill++)
        {
            var target = (Entries * (kill + 1) / (Kills + 1)) + random.Next(-20, 20);
            using var worker = await WorkerProcess.StartAsync(database.Schema, "project");
            await _rows.WaitForAsync(target);
            await Task.Delay(random.Next(0, 20));
            worker.Kill();

            var projected = await _rows.CountAsync();
            output.WriteLine($"kill {kill + 1}: {projected} rows projected");
            if (projected is > 0 and < Entries)
            {
                interrupted++;
            }
        }

        Assert.True(interrupted >= 2, $"Only {interrupted} kills happened mid-stream; lower the delays.");
        using (await WorkerProcess.StartAsync(database.Schema, "project"))
        {
            await _rows.WaitForAsync(Entries);
            await Task.Delay(200);
        }

        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM (SELECT entry_id FROM {schema}.projected_entries GROUP BY entry_id HAVING count(*) <> 1) duplicated"));
        Assert.Equal((long)Entries, await database.ScalarAsync<long>("SELECT count(DISTINCT entry_id) FROM {schema}.projected_entries"));
    }

    // Entries 1..N in 40 streams, as another program would append them: the stored name and JSON.
    private async Task AppendAsync()
    {
        await using var host = _rows.CreateHost();
        var store = host.GetRequiredService<IEventStore>();
        for (var stream = 0; stream < 40; stream++)
        {
            var events = new List<EventData>();
            for (var entry = stream + 1; entry <= Entries; entry += 40)
            {
                events.Add(new EventData(Guid.CreateVersion7(), "ledger.entry-booked", Encoding.UTF8.GetBytes($"{{\"EntryId\":{entry}}}"), EventMetadata.Empty));
            }

            await store.AppendAsync("entries-" + stream, ExpectedVersion.NoStream, events);
        }
    }
}
