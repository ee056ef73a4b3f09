using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Postgres.Tests.Projections;

/// <summary>Events a projection emits on PostgreSQL: in the batch's transaction, once, and not again when rebuilt under load.</summary>
public sealed class EmissionTests(TestDatabase database) : ProjectionTestClass(database, "DROP TABLE IF EXISTS {schema}.berth_board; DELETE FROM {schema}.events; DELETE FROM {schema}.streams")
{
    private const string Name = "harbour_master";

    [Fact]
    public async Task Emitted_events_commit_with_their_batch_or_not_at_all()
    {
        Host.GetRequiredService<GateBug>().FailsFor = "Kraken in the harbour";
        await DockAsync("Nautilus");
        await DockAsync("Kraken");
        await WaitUntilVisibleAsync(2);

        await Assert.ThrowsAsync<InvalidOperationException>(() => CatchUpUntilAsync(2));
        Assert.Empty(await LoggedAsync());

        Host.GetRequiredService<GateBug>().FailsFor = null;
        await CatchUpUntilAsync(2);

        Assert.Equal(["Kraken", "Nautilus"], (await LoggedAsync()).Order());
    }

    [Fact]
    public async Task A_rebuild_while_writers_append_emits_every_docking_exactly_once()
    {
        for (var i = 0; i < 20; i++)
        {
            await DockAsync("before-" + i);
        }

        await CatchUpUntilAsync(20);
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 30; i++)
            {
                await DockAsync("during-" + i);
            }
        });

        // Rebuilds while the writer appends: what was emitted before a reset replays silently.
        while (!writer.IsCompleted)
        {
            await Projections.RebuildAsync(Name);
        }

        await writer;
        await CatchUpUntilAsync(50);

        var logged = await LoggedAsync();
        Assert.Equal(50, logged.Count);
        Assert.Equal(50, logged.Distinct().Count());
    }

    private async Task DockAsync(string ship) =>
        await Host.GetRequiredService<PostgresUnitOfWork>().RunAsync(async token =>
            await Host.GetRequiredService<ICommandBus>().SendAsync(new DockShip("b-" + Guid.NewGuid().ToString("N"), ship), token));

    /// <summary>Catches up until <paramref name="dockings"/> dockings were logged: readers see an event only once older transactions (of other test classes too) ended.</summary>
    private async Task CatchUpUntilAsync(int dockings)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await LoggedAsync()).Count < dockings)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Fewer than {dockings} dockings were logged in time.");
            await Projections.CatchUpAsync(Name);
            await Task.Delay(10);
        }
    }

    private async Task WaitUntilVisibleAsync(int dockings)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await Host.GetRequiredService<IEventStore>().ReadAllAsync(AllPosition.Start, 10_000)).Events.Count(e => e.Type == "pg.berth.docked") < dockings)
        {
            Assert.True(DateTime.UtcNow < deadline, "The dockings did not become visible to readers of all events in time.");
            await Task.Delay(20);
        }
    }

    private async Task<System.Collections.Generic.List<string>> LoggedAsync()
    {
        var stream = await Host.GetRequiredService<IEventStore>().ReadStreamAsync(HarbourMaster.Stream);
        var runtime = Host.GetRequiredService<Runtime.EstuaryRuntime>();
        var ships = new System.Collections.Generic.List<string>();
        foreach (var recorded in stream)
        {
            ships.Add(((ShipLogged)(await runtime.Events.DeserializeAsync(recorded)))!.Ship);
        }

        return ships;
    }
}
