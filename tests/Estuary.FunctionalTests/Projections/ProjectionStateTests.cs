using System;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Projections;

/// <summary>[ProjectionState]: kept with the position across batches, rolled back with a failing batch, emptied by a reset.</summary>
public sealed class ProjectionStateTests
{
    private const string Name = "parcel_stats";

    [Fact]
    public async Task The_state_a_handler_returns_is_kept_across_batches_rolled_back_with_a_failing_one_and_rebuilt_after_a_reset()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<BoardBug>());
        var projections = host.GetRequiredService<EstuaryProjections>();
        Assert.Null(await projections.GetStateAsync<ParcelStats>(Name));
        foreach (var destination in new[] { "Oslo", "Lyon", "Brest" })
        {
            await host.Commands().SendAsync(new ShipParcel(Guid.NewGuid(), destination));
        }

        // Batches of two: the second batch starts from what the first saved.
        Assert.Equal(3, await projections.CatchUpAsync(Name));
        Assert.Equal(new ParcelStats(3, "Brest"), await projections.GetStateAsync<ParcelStats>(Name));

        host.GetRequiredService<BoardBug>().FailsOn = "stats Atlantis";
        await host.Commands().SendAsync(new ShipParcel(Guid.NewGuid(), "Atlantis"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => projections.CatchUpAsync(Name));
        Assert.Equal(new ParcelStats(3, "Brest"), await projections.GetStateAsync<ParcelStats>(Name));

        host.GetRequiredService<BoardBug>().FailsOn = null;
        Assert.Equal(1, await projections.CatchUpAsync(Name));
        Assert.Equal(new ParcelStats(4, "Atlantis"), await projections.GetStateAsync<ParcelStats>(Name));

        await projections.ResetAsync(Name);
        Assert.Null(await projections.GetStateAsync<ParcelStats>(Name));
        Assert.Equal(4, await projections.CatchUpAsync(Name));
        Assert.Equal(new ParcelStats(4, "Atlantis"), await projections.GetStateAsync<ParcelStats>(Name));
    }
}
