using System;
using System.Linq;
using System.Threading.Tasks;
using Estuary.FunctionalTests.Asynchronous;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Aggregates;

/// <summary>Every identifier mapping style, the version member, load-or-create and actions returning aggregates.</summary>
public sealed class MappingTests
{
    [Fact]
    public async Task Load_or_create_creates_on_the_first_command_and_acts_on_later_ones()
    {
        await using var host = CreateHost();

        string first = await host.Commands().SendAsync(new RegisterParcel("AMS", "p1"));
        string second = await host.Commands().SendAsync(new RegisterParcel("AMS", "p2"));

        Assert.Equal(("AMS", "AMS"), (first, second));
        var depot = await Stored<Depot>(host, "depots", "AMS");
        Assert.Equal(["p1", "p2"], depot.Document.Parcels);
        Assert.Equal(2, depot.Version);
    }

    [Fact]
    public async Task Version_member_carries_the_version_the_state_was_saved_at()
    {
        await using var host = CreateHost();
        await host.Commands().SendAsync(new RegisterParcel("RTM", "p1"));
        Assert.Equal(1, (await Stored<Depot>(host, "depots", "RTM")).Document.Version);

        await host.Commands().SendAsync(new RegisterParcel("RTM", "p2"));
        await host.Commands().SendAsync(new RegisterParcel("RTM", "p3"));

        var depot = await Stored<Depot>(host, "depots", "RTM");
        Assert.Equal(3, depot.Version);
        Assert.Equal(3, depot.Document.Version);
    }

    [Fact]
    public async Task Identifier_mapped_to_a_header_reads_the_header()
    {
        await using var host = CreateHost();
        await host.Commands().SendAsync(new RegisterParcel("UTR", "p1"));

        await host.Commands().SendAsync(new SealDepot("strike"), new MessageHeaders { ["depot"] = "UTR" });

        Assert.Equal("strike", (await Stored<Depot>(host, "depots", "UTR")).Document.SealedBecause);
        var missing = await Assert.ThrowsAsync<MessageConversionException>(async () => await host.Commands().SendAsync(new SealDepot("no header")));
        Assert.Contains("'DepotCode' is empty", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identifier_mapped_to_a_member_path_reads_the_nested_member()
    {
        await using var host = CreateHost();
        await host.Commands().SendAsync(new RegisterParcel("EIN", "p1"));

        await host.Commands().SendAsync(new Scan(new ScanDetails("EIN", "bc-7")));

        Assert.Equal(["bc-7"], (await Stored<Depot>(host, "depots", "EIN")).Document.Scans);
    }

    [Fact]
    public async Task Identifier_mapped_to_a_static_method_calls_it_with_the_message()
    {
        await using var host = CreateHost();
        await host.Commands().SendAsync(new RegisterParcel("GRQ", "p1"));

        await host.Events().PublishAsync(new LabelPrinted("GRQ/0042"));

        Assert.Equal(["label GRQ/0042"], (await Stored<Depot>(host, "depots", "GRQ")).Document.Scans);
    }

    [Fact]
    public async Task Action_returning_an_aggregate_saves_both_publishes_its_events_and_returns_its_identifier()
    {
        await using var host = CreateHost();
        await host.Commands().SendAsync(new RegisterParcel("ZWO", "p1"));
        await host.Commands().SendAsync(new RegisterParcel("ZWO", "p2"));

        string plate = await host.Commands().SendAsync(new DispatchVan("ZWO", "VAN-1"));

        Assert.Equal("VAN-1", plate);
        var van = await Stored<Van>(host, "vans", "VAN-1");
        Assert.Equal(["p1", "p2"], van.Document.Load);
        Assert.Equal((1L, 1), (van.Version, van.Document.Version));
        Assert.Empty((await Stored<Depot>(host, "depots", "ZWO")).Document.Parcels);
        Assert.Contains("van VAN-1 loaded with 2", host.Log());

        await host.Events().PublishAsync(new DriverAssigned("VAN-1", "Ada"));
        Assert.Equal("Ada", (await Stored<Van>(host, "vans", "VAN-1")).Document.Driver);
    }

    [Fact]
    public async Task Concurrency_retry_loads_the_new_version_and_runs_the_handler_again()
    {
        await using var host = CreateHost();
        await host.Commands().SendAsync(new RegisterParcel("LEY", "p1"));
        host.GetRequiredService<Interference>().Times = 2;

        await host.Commands().SendAsync(new RenameDepot("LEY", "Lelystad"));

        Assert.Equal(3, host.Log().Count(entry => entry == "rename attempt"));
        var depot = await Stored<Depot>(host, "depots", "LEY");
        Assert.Equal("Lelystad", depot.Document.Name);
        Assert.Equal(["p1", "sneaked in", "sneaked in"], depot.Document.Parcels);
        Assert.Equal(4, depot.Version);
    }

    [Fact]
    public async Task Concurrency_retry_gives_up_after_its_retries()
    {
        await using var host = CreateHost();
        await host.Commands().SendAsync(new RegisterParcel("DHR", "p1"));
        host.GetRequiredService<Interference>().Times = 3;

        var conflict = await Assert.ThrowsAsync<ConcurrencyException>(async () => await host.Commands().SendAsync(new RenameDepot("DHR", "Den Helder")));

        Assert.Equal("depots", conflict.Collection);
        Assert.Equal(3, host.Log().Count(entry => entry == "rename attempt"));
        Assert.Equal(string.Empty, (await Stored<Depot>(host, "depots", "DHR")).Document.Name);
    }

    private static async Task<VersionedDocument<T>> Stored<T>(IServiceProvider host, string collection, string id) =>
        (await host.GetRequiredService<IDocumentStore>().FindVersionedAsync<T>(collection, id))!;

    private static ServiceProvider CreateHost() => TestHost.Create(
        services => services.AddSingleton<Interference>().AddSingleton<Faults>().AddSingleton<ManualClock>().AddSingleton<TimeProvider>(static p => p.GetRequiredService<ManualClock>()),
        estuary => estuary.AddModule<FunctionalTestsModule>().AddTestChannels());
}
