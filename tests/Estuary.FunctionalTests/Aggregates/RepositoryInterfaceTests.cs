using System;
using System.Threading.Tasks;
using Estuary.FunctionalTests.Asynchronous;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Aggregates;

/// <summary>[Repository] methods of an application interface, implemented by the generator.</summary>
public sealed class RepositoryInterfaceTests
{
    [Fact]
    public async Task Save_stores_a_new_instance_and_get_loads_it_with_its_version()
    {
        await using var host = CreateHost();
        var depots = host.GetRequiredService<IDepots>();

        var depot = new Depot { DepotCode = "BRU", Name = "Brussels" };
        await depots.SaveAsync(depot);

        Assert.Equal(1, depot.Version);
        var loaded = await depots.GetAsync("BRU");
        Assert.Equal(("Brussels", 1L), (loaded.Name, loaded.Version));

        // Handlers and the repository share the store.
        await host.Commands().SendAsync(new RegisterParcel("BRU", "p1"));
        Assert.Equal(["p1"], (await depots.GetAsync("BRU")).Parcels);
    }

    [Fact]
    public async Task Save_of_an_instance_loaded_before_another_save_fails_and_keeps_its_version()
    {
        await using var host = CreateHost();
        var depots = host.GetRequiredService<IDepots>();
        await depots.SaveAsync(new Depot { DepotCode = "ANR" });
        var first = await depots.GetAsync("ANR");
        var second = await depots.GetAsync("ANR");

        first.Name = "Antwerp";
        await depots.SaveAsync(first);
        second.Name = "Antwerpen";
        var conflict = await Assert.ThrowsAsync<ConcurrencyException>(() => depots.SaveAsync(second));

        Assert.Equal((1L, 2L), (conflict.ExpectedVersion, conflict.ActualVersion));
        Assert.Equal(1, second.Version);
        Assert.Equal("Antwerp", (await depots.GetAsync("ANR")).Name);
    }

    [Fact]
    public async Task Find_answers_null_and_get_throws_for_a_missing_instance()
    {
        await using var host = CreateHost();
        var depots = host.GetRequiredService<IDepots>();

        Assert.Null(await depots.FindAsync("nowhere"));
        Assert.Null(await depots.FindVanAsync("no-plate"));
        var missing = await Assert.ThrowsAsync<AggregateNotFoundException>(() => depots.GetAsync("nowhere"));
        Assert.Contains("nowhere", missing.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider CreateHost() => TestHost.Create(
        services => services.AddSingleton<Interference>().AddSingleton<Faults>().AddSingleton<ManualClock>().AddSingleton<TimeProvider>(static p => p.GetRequiredService<ManualClock>()));
}
