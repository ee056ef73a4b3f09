using System;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Postgres.Tests.Projections;

/// <summary>[ProjectionState] on PostgreSQL: saved as JSON with the position, read by any host.</summary>
public sealed class ProjectionStateTests(TestDatabase database) : ProjectionTestClass(database, "DROP TABLE IF EXISTS {schema}.berth_board")
{
    private const string Name = "harbour_count";

    [Fact]
    public async Task The_state_changed_in_place_is_saved_with_the_position_and_anotherHost_reads_it()
    {
        for (var i = 0; i < 3; i++)
        {
            await Host.GetRequiredService<PostgresUnitOfWork>().RunAsync(async token =>
                await Host.GetRequiredService<ICommandBus>().SendAsync(new DockShip("b-" + Guid.NewGuid().ToString("N"), "ship " + i), token));
        }

        // Readers see an event once older transactions (of other test classes too) ended.
        var projections = Host.GetRequiredService<EstuaryProjections>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await projections.GetStateAsync<HarbourCount>(Name))?.Dockings != 3)
        {
            Assert.True(DateTime.UtcNow < deadline, "The three dockings were not counted in time.");
            await projections.CatchUpAsync(Name);
            await Task.Delay(10);
        }

        await using var other = ProjectionHost.Create(Database);
        Assert.Equal(3, (await other.GetRequiredService<EstuaryProjections>().GetStateAsync<HarbourCount>(Name))!.Dockings);
        Assert.Equal(3, await Database.ScalarAsync<int>("SELECT (state->>'Dockings')::int FROM {schema}.projections WHERE name = $1", Name));
    }
}
