using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Projections;

/// <summary>A new version of a projection builds beside the live one, silently, never past it, then takes over.</summary>
public sealed class ProjectionVersionTests
{
    private const string V1 = "parcel_routes";
    private const string V2 = "parcel_routes_v2";

    [Fact]
    public async Task The_new_version_builds_silently_up_to_the_live_one_then_takes_over_and_each_event_is_emitted_once()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<BoardBug>());
        var projections = host.GetRequiredService<EstuaryProjections>();
        var documents = host.GetRequiredService<IDocumentStore>();
        await ShipAsync(host, "Oslo", "Oslo", "Rome");
        await projections.CatchUpAsync(V1);
        Assert.Equal(["v1 Oslo 1", "v1 Oslo 2", "v1 Rome 1"], Tallies(host));

        // Building: it reads what the live version has read, and emits nothing.
        Assert.Equal(3, await projections.CatchUpAsync(V2));
        Assert.Equal(new EventTally(2), await documents.FindAsync<EventTally>(V2, "OSLO"));
        Assert.Equal(3, Tallies(host).Length);
        Assert.Equal(ProjectionPhase.Building, await PhaseAsync(projections, V2));
        Assert.Equal(V1, await projections.LiveAsync(V1));

        // A parcel the live version has not read yet: the new version does not read it either.
        await ShipAsync(host, "Rome");
        Assert.Equal(0, await projections.CatchUpAsync(V2));
        Assert.Equal(new EventTally(1), await documents.FindAsync<EventTally>(V2, "ROME"));

        Assert.Equal(new RouteWeight(3), await host.GetRequiredService<IRouteWeights>().LiveAsync());
        Assert.True(await projections.TakeOverAsync(V2));

        Assert.Equal(V2, await projections.LiveAsync(V1));
        Assert.Equal(new RouteWeight(30), await host.GetRequiredService<IRouteWeights>().LiveAsync());
        Assert.Equal(ProjectionPhase.Retired, await PhaseAsync(projections, V1));
        Assert.Equal(0, await projections.CatchUpAsync(V1));
        Assert.Equal(1, await projections.CatchUpAsync(V2));

        // Every parcel emitted once: three by the old version before the switch, the one after by the new.
        Assert.Equal(["v1 Oslo 1", "v1 Oslo 2", "v1 Rome 1", "v2 ROME 2"], Tallies(host));
        Assert.Equal(new EventTally(1), await documents.FindAsync<EventTally>(V1, "Rome"));
        Assert.Equal(new EventTally(2), await documents.FindAsync<EventTally>(V2, "ROME"));
    }

    [Fact]
    public async Task A_version_more_than_a_batch_behind_does_not_take_over_and_the_live_one_keeps_running()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<BoardBug>());
        var projections = host.GetRequiredService<EstuaryProjections>();
        await ShipAsync(host, "Oslo");
        await projections.CatchUpAsync(V1);

        // Never caught up: the switch would have to read a whole catch-up while holding the live version.
        var behindByMoreThanABatch = Enumerable.Range(0, 1_001).Select(i => "Lima").ToArray();
        await ShipAsync(host, behindByMoreThanABatch);
        await projections.CatchUpAsync(V1);

        Assert.False(await projections.TakeOverAsync(V2));
        Assert.Equal(V1, await projections.LiveAsync(V1));
        Assert.Equal(ProjectionPhase.Building, await PhaseAsync(projections, V2));

        await projections.CatchUpAsync(V2);
        Assert.True(await projections.TakeOverAsync(V2));
        Assert.DoesNotContain(Tallies(host), entry => entry.StartsWith("v2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deleting_the_new_version_after_it_took_over_makes_the_old_one_live_again_from_where_it_stopped()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<BoardBug>());
        var projections = host.GetRequiredService<EstuaryProjections>();
        await ShipAsync(host, "Oslo");
        await projections.CatchUpAsync(V1);
        await projections.CatchUpAsync(V2);
        Assert.True(await projections.TakeOverAsync(V2));
        await ShipAsync(host, "Oslo");

        await projections.DeleteAsync(V2);

        Assert.Equal(V1, await projections.LiveAsync(V1));
        Assert.Equal(1, await projections.CatchUpAsync(V1));
        Assert.Equal(new EventTally(2), await host.GetRequiredService<IDocumentStore>().FindAsync<EventTally>(V1, "Oslo"));
        Assert.Equal(ProjectionPhase.Building, await PhaseAsync(projections, V2));
    }

    [Fact]
    public async Task The_status_lists_each_versions_number_and_phase()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<BoardBug>());
        var projections = host.GetRequiredService<EstuaryProjections>();

        var statuses = (await projections.StatusAsync()).Where(s => s.Name.StartsWith(V1, StringComparison.Ordinal)).ToArray();

        Assert.Equal([(V1, 1, ProjectionPhase.Live), (V2, 2, ProjectionPhase.Building)], statuses.Select(s => (s.Name, s.Version, s.Phase)));
        Assert.Equal(ProjectionPhase.Live, (await projections.StatusAsync()).Single(s => s.Name == "parcel_counts").Phase);
    }

    private static async Task ShipAsync(IServiceProvider host, params string[] destinations)
    {
        foreach (var destination in destinations)
        {
            await host.Commands().SendAsync(new ShipParcel(Guid.NewGuid(), destination));
        }
    }

    private static string[] Tallies(IServiceProvider host) => [.. host.Log().Where(entry => entry.StartsWith('v'))];

    private static async Task<ProjectionPhase> PhaseAsync(EstuaryProjections projections, string name) =>
        (await projections.StatusAsync()).Single(s => s.Name == name).Phase;
}
