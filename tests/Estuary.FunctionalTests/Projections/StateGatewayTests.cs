using System;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Projections;

/// <summary>[ProjectionStateGateway] interfaces: implemented at build time, registered, reading what the batches saved.</summary>
public sealed class StateGatewayTests
{
    [Fact]
    public async Task The_generated_gateway_reads_the_projections_state_and_an_aggregates_partition_state()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<BoardBug>());
        var states = host.GetRequiredService<IProjectionStates>();
        var projections = host.GetRequiredService<EstuaryProjections>();
        var (hold, other) = (Guid.NewGuid(), Guid.NewGuid());
        Assert.Null(await states.ParcelStatsAsync());
        Assert.Null(await states.HoldAsync(hold));

        await host.Commands().SendAsync(new ShipParcel(Guid.NewGuid(), "Oslo"));
        await host.Commands().SendAsync(new ShipParcel(Guid.NewGuid(), "Rome"));
        await host.Commands().SendAsync(new OpenHold(hold, "a1"));
        await host.Commands().SendAsync(new LoadCargo(hold, "a2"));
        await host.Commands().SendAsync(new OpenHold(other, "b1"));
        await projections.CatchUpAsync("parcel_stats");
        await projections.CatchUpAsync("hold_manifests");

        Assert.Equal(new ParcelStats(2, "Rome"), await states.ParcelStatsAsync());
        Assert.Equal(new ManifestCount(2), await states.HoldAsync(hold));
        Assert.Equal(new ManifestCount(1), await states.HoldAsync(other));
        Assert.Null(await states.HoldAsync(Guid.NewGuid()));
    }
}
