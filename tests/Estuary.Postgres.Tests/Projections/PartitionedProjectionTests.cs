using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Estuary.Postgres.Tests.Projections;

/// <summary>
/// A partitioned projection on PostgreSQL: partitions are rows of projection_partitions, held by the
/// batch that handles them, so a failing berth or a berth being rebuilt holds up no other.
/// </summary>
public sealed class PartitionedProjectionTests(TestDatabase database) : ProjectionTestClass(database, "DROP TABLE IF EXISTS {schema}.berth_history")
{
    private const string Name = "berth_history";

    [Fact]
    public async Task A_failing_berth_backs_off_alone_and_goes_on_from_its_version_once_fixed()
    {
        // The schema's berths of earlier tests first: this projection starts over after each test.
        await WaitUntilVisibleAsync();
        await Projections.CatchUpAsync(Name);
        var (wrecked, calm) = (Berth(), Berth());
        Host.GetRequiredService<GateBug>().FailsFor = "Kraken";
        await DockAsync(wrecked, "Pequod");
        await DockAsync(wrecked, "Kraken");
        await DockAsync(calm, "Beagle");
        await WaitUntilVisibleAsync();

        Assert.Equal(1, await Projections.CatchUpAsync(Name));

        Assert.Equal(["Beagle"], await ShipsAsync(calm));
        Assert.Empty(await ShipsAsync(wrecked));
        var failing = Assert.Single(await Projections.FailingPartitionsAsync(Name));
        Assert.Equal(("pg-berths-" + wrecked, 0L, 2L, 1), (failing.Key, failing.Version, failing.Due, failing.Attempts));
        Assert.Contains("cannot take Kraken yet", failing.Error, StringComparison.Ordinal);

        Host.GetRequiredService<GateBug>().FailsFor = null;
        await Task.Delay(failing.RetryAt!.Value - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(100));
        Assert.Equal(2, await Projections.CatchUpAsync(Name));
        Assert.Equal(["Pequod", "Kraken"], await ShipsAsync(wrecked));
        Assert.Equal((0L, 0L), (await Projections.StatusAsync()).Single(s => s.Name == Name).Partitions is { } counts ? (counts.Behind, counts.Failing) : (-1, -1));
    }

    [Fact]
    public async Task While_one_berth_is_rebuilt_the_others_are_projected_and_readers_see_its_old_rows_until_it_commits()
    {
        await WaitUntilVisibleAsync();
        await Projections.CatchUpAsync(Name);
        var (rebuilt, busy) = (Berth(), Berth());
        await DockAsync(rebuilt, "Endurance");
        await DockAsync(rebuilt, "Fram");
        await DockAsync(busy, "Argo");
        await DockAsync(busy, "Golden Hind");
        await WaitUntilVisibleAsync();
        Assert.Equal(4, await Projections.CatchUpAsync(Name));

        // A reset: every berth is due again. The rebuild of one stops on its second event, its transaction
        // open, holding only its partition (an open transaction holds back discovery of newer events, not
        // the partitions already due).
        await Projections.ResetAsync(Name);
        var gate = Host.GetRequiredService<HistoryGate>();
        gate.HoldsOn = "Fram";
        var rebuilding = Projections.RebuildPartitionAsync(Name, "pg-berths-" + rebuilt);
        await gate.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(await Projections.CatchUpAsync(Name) >= 2);
        Assert.Equal(["Argo", "Golden Hind"], await ShipsAsync(busy));
        Assert.False(rebuilding.IsCompleted);

        gate.Release();
        Assert.Equal(2, await rebuilding);
        Assert.Equal(["Endurance", "Fram"], await ShipsAsync(rebuilt));
        var partition = (await Projections.GetPartitionAsync(Name, "pg-berths-" + rebuilt))!;
        Assert.Equal((2L, 2L), (partition.Version, partition.ReplayUntil));
        Assert.Equal(0, await Projections.CatchUpAsync(Name));
    }

    private static string Berth() => "h-" + Guid.NewGuid().ToString("N");

    // The berth's first ship docks (creating its stream), the next ones moor.
    private Task DockAsync(string berth, string ship) =>
        Host.GetRequiredService<PostgresUnitOfWork>().RunAsync(async token =>
        {
            var exists = await Host.GetRequiredService<IEventStore>().GetStreamAsync("pg-berths-" + berth, token) is not null;
            var commands = Host.GetRequiredService<ICommandBus>();
            if (exists)
            {
                await commands.SendAsync(new MoorShip(berth, ship), token);
            }
            else
            {
                await commands.SendAsync(new DockShip(berth, ship), token);
            }
        });

    private async Task WaitUntilVisibleAsync()
    {
        var appended = await Database.ScalarAsync<long>("SELECT count(*) FROM {schema}.events");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await Host.GetRequiredService<IEventStore>().ReadAllAsync(AllPosition.Start, 100_000)).Events.Count < appended)
        {
            Assert.True(DateTime.UtcNow < deadline, "The appended events did not become visible to readers of all events.");
            await Task.Delay(20);
        }
    }

    private async Task<List<string>> ShipsAsync(string berth)
    {
        await using var command = Database.DataSource.CreateCommand($"SELECT ship FROM \"{Database.Schema}\".berth_history WHERE berth = $1 ORDER BY version");
        command.Parameters.Add(new NpgsqlParameter { Value = berth });
        var ships = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ships.Add(reader.GetString(0));
        }

        return ships;
    }
}
