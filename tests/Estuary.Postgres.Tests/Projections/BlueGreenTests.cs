using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Estuary.Postgres.Tests.Projections;

/// <summary>A new version of a projection builds beside the live one and takes over while writers append.</summary>
public sealed class BlueGreenTests(TestDatabase database)
    : ProjectionTestClass(database, "DROP TABLE IF EXISTS {schema}.berth_roster; DROP TABLE IF EXISTS {schema}.berth_roster_v2; DELETE FROM {schema}.events; DELETE FROM {schema}.streams")
{
    private const string V1 = "berth_roster";
    private const string V2 = "berth_roster_v2";

    [Fact]
    public async Task Under_load_the_new_version_takes_over_readers_never_go_back_and_every_docking_is_emitted_once()
    {
        // Both read models exist from the start, so the reader can count either (their initialization hooks create them too).
        await Database.ScalarAsync<int>("CREATE TABLE {schema}.berth_roster (ship text NOT NULL, berth text NOT NULL, shouted text NOT NULL); CREATE TABLE {schema}.berth_roster_v2 (ship text NOT NULL, berth text NOT NULL, shouted text NOT NULL); SELECT 1");

        // The history the live version served before the new one was deployed.
        for (var i = 0; i < 150; i++)
        {
            await DockAsync("before-" + i);
        }

        await CatchUpAsync(V1, rows: 150);

        // The host's worker (both versions, the switch) while two writers append and a reader reads the live version.
        await using var host = ProjectionHost.Create(Database, estuary => estuary.Options.ProjectionPollInterval = TimeSpan.FromMilliseconds(20));
        var worker = host.GetServices<IHostedService>().Single(s => s.GetType().Name == "ProjectionsHostedService");
        await worker.StartAsync(default);
        // Writers append until the switch happened, and as many dockings again after it.
        using var stop = new CancellationTokenSource();
        var docked = 150;
        var afterSwitch = 0;
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(async () =>
        {
            for (var i = 0; Volatile.Read(ref afterSwitch) < 60; i++)
            {
                await DockAsync($"during-{w}-{i}");
                Interlocked.Increment(ref docked);
                if (await Projections.LiveAsync(V1) == V2)
                {
                    Interlocked.Increment(ref afterSwitch);
                }

                Assert.True(i < 5_000, "The new version did not take over while the writers appended.");
            }
        })).ToArray();
        var reads = new List<(string Live, long Rows)>();
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var live = await Projections.LiveAsync(V1);
                reads.Add((live, await RowsAsync(live)));
                await Task.Delay(5);
            }
        });

        await Task.WhenAll(writers);
        var total = Volatile.Read(ref docked);
        await WaitAsync(async () => await RowsAsync(V2) == total, "the new version did not catch up with every docking");
        await stop.CancelAsync();
        await reader;
        await worker.StopAsync(default);

        // Readers of the live version never saw fewer rows than before, across the switch too.
        Assert.Contains(reads, read => read.Live == V1);
        Assert.Contains(reads, read => read.Live == V2);
        Assert.All(reads.Zip(reads.Skip(1)), pair => Assert.True(pair.Second.Rows >= pair.First.Rows, $"{pair.First} then {pair.Second}"));

        // The new version holds every docking once; the old one stopped where it was switched from.
        Assert.Equal(total, await Database.ScalarAsync<long>("SELECT count(DISTINCT ship) FROM {schema}.berth_roster_v2"));
        var frozen = await RowsAsync(V1);
        Assert.InRange(frozen, 150, total - 60);
        Assert.Equal(0, await Projections.CatchUpAsync(V1));
        Assert.Equal(frozen, await RowsAsync(V1));

        // Each docking emitted exactly once: by the old version up to the switch, by the new one after it.
        var entered = await EnteredAsync();
        Assert.Equal(total, entered.Count);
        Assert.Equal(total, entered.Select(e => e.Ship).Distinct().Count());
        Assert.Equal(frozen, entered.Count(e => e.Version == 1));
        Assert.True(entered.Skip((int)frozen).All(e => e.Version == 2), "The old version emitted after the new one took over.");
    }

    private async Task DockAsync(string ship) =>
        await Host.GetRequiredService<PostgresUnitOfWork>().RunAsync(async token =>
            await Host.GetRequiredService<ICommandBus>().SendAsync(new DockShip("b-" + Guid.NewGuid().ToString("N"), ship), token));

    private async Task CatchUpAsync(string name, long rows) =>
        await WaitAsync(async () =>
        {
            await Projections.CatchUpAsync(name);
            return await RowsAsync(name) == rows;
        }, $"{name} did not reach {rows} rows");

    private async Task<long> RowsAsync(string table) => await Database.ScalarAsync<long>($"SELECT count(*) FROM {{schema}}.{table}");

    private static async Task WaitAsync(Func<Task<bool>> done, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(20);
        }
    }

    private async Task<List<RosterEntered>> EnteredAsync()
    {
        var runtime = Host.GetRequiredService<Runtime.EstuaryRuntime>();
        var entered = new List<RosterEntered>();
        foreach (var recorded in await Host.GetRequiredService<IEventStore>().ReadStreamAsync(BerthRoster.Stream))
        {
            entered.Add((RosterEntered)(await runtime.Events.DeserializeAsync(recorded))!);
        }

        return entered;
    }
}
