using System;
using System.Linq;
using System.Threading.Tasks;
using Estuary.FunctionalTests.Asynchronous;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Projections;

/// <summary>
/// [Projection(Partitioned = true)]: a position, a lock, a state and failures per stream, discovered
/// from the store's order of all events and handled partition by partition.
/// </summary>
public sealed class PartitionedProjectionTests
{
    private const string Name = "hold_manifests";

    [Fact]
    public async Task Each_hold_is_a_partition_with_its_own_version_and_state_and_its_events_in_stream_order()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<BoardBug>());
        var projections = host.GetRequiredService<EstuaryProjections>();
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await host.Commands().SendAsync(new OpenHold(a, "a1"));
        await host.Commands().SendAsync(new OpenHold(b, "b1"));
        await host.Commands().SendAsync(new LoadCargo(a, "a2"));
        await host.Commands().SendAsync(new OpenHold(c, "c1"));
        await host.Commands().SendAsync(new LoadCargo(b, "b2"));
        await host.Commands().SendAsync(new LoadCargo(a, "a3"));

        Assert.Equal(6, await projections.CatchUpAsync(Name));

        Assert.Equal(["a1", "a2", "a3"], (await ManifestAsync(host, a))!.Items);
        Assert.Equal(["b1", "b2"], (await ManifestAsync(host, b))!.Items);
        Assert.Equal(["c1"], (await ManifestAsync(host, c))!.Items);
        Assert.Equal(3, (await projections.GetPartitionAsync(Name, Key(a)))!.Version);
        Assert.Equal(new ManifestCount(3), await projections.GetStateAsync<ManifestCount>(Name, Key(a)));
        Assert.Equal(new ManifestCount(1), await projections.GetStateAsync<ManifestCount>(Name, Key(c)));
        var status = (await projections.StatusAsync()).Single(s => s.Name == Name);
        Assert.Equal(new PartitionCounts(Count: 3, Behind: 0, Failing: 0, EventsBehind: 0), status.Partitions);
        Assert.True(status.Initialized);

        // One more event: only its partition has something to do.
        await host.Commands().SendAsync(new LoadCargo(b, "b3"));
        Assert.Equal(1L, await projections.CountBehindAsync(Name));
        Assert.Equal(1, await projections.CatchUpAsync(Name));
        Assert.Equal(new ManifestCount(3), await projections.GetStateAsync<ManifestCount>(Name, Key(b)));
        Assert.Equal(0L, await projections.CountBehindAsync(Name));
    }

    [Fact]
    public async Task A_failing_hold_backs_off_alone_while_the_others_are_projected_and_goes_on_once_fixed()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<BoardBug>());
        var projections = host.GetRequiredService<EstuaryProjections>();
        host.GetRequiredService<BoardBug>().FailsOn = "poison";
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await host.Commands().SendAsync(new OpenHold(a, "fine"));
        await host.Commands().SendAsync(new LoadCargo(a, "poison"));
        await host.Commands().SendAsync(new OpenHold(b, "b1"));
        await host.Commands().SendAsync(new OpenHold(c, "c1"));

        // The batch holding all three fails; they are run one by one, so only the poisoned hold stays behind.
        Assert.Equal(2, await projections.CatchUpAsync(Name));
        Assert.Null(await ManifestAsync(host, a));
        Assert.Equal(["b1"], (await ManifestAsync(host, b))!.Items);
        Assert.Equal(["c1"], (await ManifestAsync(host, c))!.Items);
        var failing = Assert.Single(await projections.FailingPartitionsAsync(Name));
        Assert.Equal(Key(a), failing.Key);
        Assert.Equal(0, failing.Version);
        Assert.Equal(1, failing.Attempts);
        Assert.Contains("'poison' cannot be stowed yet.", failing.Error, StringComparison.Ordinal);
        Assert.True(failing.RetryAt > DateTimeOffset.UtcNow);
        Assert.Equal(new PartitionCounts(Count: 3, Behind: 1, Failing: 1, EventsBehind: 2), (await projections.StatusAsync()).Single(s => s.Name == Name).Partitions);

        // Backing off: a catch-up now passes it over; a new hold is not held up by it.
        var d = Guid.NewGuid();
        await host.Commands().SendAsync(new OpenHold(d, "d1"));
        Assert.Equal(1, await projections.CatchUpAsync(Name));

        // Fixed: once its wait is over it goes on from its version, the failed event first.
        host.GetRequiredService<BoardBug>().FailsOn = null;
        await Task.Delay(failing.RetryAt!.Value - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(50));
        Assert.Equal(2, await projections.CatchUpAsync(Name));
        Assert.Equal(["fine", "poison"], (await ManifestAsync(host, a))!.Items);
        Assert.Empty(await projections.FailingPartitionsAsync(Name));
    }

    [Fact]
    public async Task Rebuilding_one_hold_runs_its_partition_reset_and_handles_its_stream_again_without_touching_the_others()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<BoardBug>());
        var projections = host.GetRequiredService<EstuaryProjections>();
        var documents = host.GetRequiredService<IDocumentStore>();
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await host.Commands().SendAsync(new OpenHold(a, "a1"));
        await host.Commands().SendAsync(new LoadCargo(a, "a2"));
        await host.Commands().SendAsync(new OpenHold(b, "b1"));
        await projections.CatchUpAsync(Name);

        // Both read models go wrong; only hold a is rebuilt.
        await documents.UpsertAsync(HoldManifests.Collection, a.ToString("D"), new Manifest(["lost"]));
        await documents.UpsertAsync(HoldManifests.Collection, b.ToString("D"), new Manifest(["left alone"]));

        Assert.Equal(2, await projections.RebuildPartitionAsync(Name, Key(a)));

        Assert.Equal(["a1", "a2"], (await ManifestAsync(host, a))!.Items);
        Assert.Equal(["left alone"], (await ManifestAsync(host, b))!.Items);
        Assert.Equal(new ManifestCount(2), await projections.GetStateAsync<ManifestCount>(Name, Key(a)));
        var rebuilt = (await projections.GetPartitionAsync(Name, Key(a)))!;
        Assert.Equal((2L, 2L), (rebuilt.Version, rebuilt.ReplayUntil));
        Assert.Equal(0, await projections.CatchUpAsync(Name));
    }

    [Fact]
    public async Task A_reset_makes_every_partition_due_again_and_the_catch_up_rebuilds_them_from_their_streams()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<BoardBug>());
        var projections = host.GetRequiredService<EstuaryProjections>();
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await host.Commands().SendAsync(new OpenHold(a, "a1"));
        await host.Commands().SendAsync(new OpenHold(b, "b1"));
        await host.Commands().SendAsync(new LoadCargo(b, "b2"));
        Assert.Equal(3, await projections.CatchUpAsync(Name));

        await projections.ResetAsync(Name);

        Assert.Equal(0L, await host.GetRequiredService<IDocumentStore>().CountAsync(HoldManifests.Collection));
        Assert.Equal(new PartitionCounts(Count: 2, Behind: 2, Failing: 0, EventsBehind: 3), (await projections.StatusAsync()).Single(s => s.Name == Name).Partitions);
        Assert.Null(await projections.GetStateAsync<ManifestCount>(Name, Key(b)));

        Assert.Equal(3, await projections.CatchUpAsync(Name));
        Assert.Equal(["b1", "b2"], (await ManifestAsync(host, b))!.Items);
        Assert.Equal(new ManifestCount(2), await projections.GetStateAsync<ManifestCount>(Name, Key(b)));
    }

    [Fact]
    public async Task Several_workers_share_the_partitions_and_every_hold_keeps_its_order()
    {
        await using var host = TestHost.Create(
            services => services.AddSingleton<BoardBug>(),
            estuary => estuary.AddModule<FunctionalTestsModule>().AddTestChannels().Options.ProjectionPartitionWorkers = 4);
        var projections = host.GetRequiredService<EstuaryProjections>();
        var holds = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var hold in holds)
        {
            await host.Commands().SendAsync(new OpenHold(hold, "0"));
        }

        for (var item = 1; item < 5; item++)
        {
            foreach (var hold in holds)
            {
                await host.Commands().SendAsync(new LoadCargo(hold, item.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        Assert.Equal(200, await projections.CatchUpAsync(Name));

        foreach (var hold in holds)
        {
            Assert.Equal(["0", "1", "2", "3", "4"], (await ManifestAsync(host, hold))!.Items);
        }
    }

    [Fact]
    public async Task Only_a_partitioned_projection_has_partitions()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<BoardBug>());
        var projections = host.GetRequiredService<EstuaryProjections>();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => projections.RebuildPartitionAsync("parcel_stats", "parcels-1"));

        Assert.Contains("'parcel_stats' is not partitioned", error.Message, StringComparison.Ordinal);
        Assert.Null((await projections.StatusAsync()).Single(s => s.Name == "parcel_stats").Partitions);
    }

    [Fact]
    public async Task A_synchronous_partitioned_projection_counts_in_the_appending_unit_of_work_and_a_failure_fails_the_append()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<BoardBug>());
        var documents = host.GetRequiredService<IDocumentStore>();
        var hold = Guid.NewGuid();
        await host.Commands().SendAsync(new OpenHold(hold, "a"));
        await host.Commands().SendAsync(new LoadCargo(hold, "b"));

        // No catch-up ran: the appends counted themselves.
        Assert.Equal(new EventTally(2), await documents.FindAsync<EventTally>(HoldTallies.Collection, hold.ToString("D")));
        Assert.Equal(2, (await host.GetRequiredService<EstuaryProjections>().GetPartitionAsync("hold_tallies", Key(hold)))!.Version);

        host.GetRequiredService<BoardBug>().FailsOn = "tally c";
        await using (UnitOfWork.Begin(host.GetRequiredService<Runtime.EstuaryRuntime>(), session: null))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => host.Commands().SendAsync(new LoadCargo(hold, "c")).AsTask());
        }

        Assert.Equal(2L, (await host.GetRequiredService<IEventStore>().GetStreamAsync(Key(hold)))!.Version);
        Assert.Equal(new EventTally(2), await documents.FindAsync<EventTally>(HoldTallies.Collection, hold.ToString("D")));

        // What the worker discovers later was handled already: nothing twice.
        Assert.Equal(0, await host.GetRequiredService<EstuaryProjections>().CatchUpAsync("hold_tallies"));
    }

    [Fact]
    public async Task A_triggered_partitioned_projection_runs_on_its_channels_consumer()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<BoardBug>());
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await host.Commands().SendAsync(new OpenHold(a, "a1"));
        await host.Commands().SendAsync(new OpenHold(b, "b1"));
        await host.Commands().SendAsync(new LoadCargo(a, "a2"));
        Assert.Null(await host.GetRequiredService<IDocumentStore>().FindAsync<Manifest>(HoldLastItems.Collection, a.ToString("D")));

        await host.Drain(AsyncChannels.Projections);

        Assert.Equal(["a2"], (await host.GetRequiredService<IDocumentStore>().FindAsync<Manifest>(HoldLastItems.Collection, a.ToString("D")))!.Items);
        Assert.Equal(["b1"], (await host.GetRequiredService<IDocumentStore>().FindAsync<Manifest>(HoldLastItems.Collection, b.ToString("D")))!.Items);
        Assert.Equal("channel:" + AsyncChannels.Projections, (await host.GetRequiredService<EstuaryProjections>().StatusAsync()).Single(s => s.Name == "hold_last_items").Mode);
    }

    [Fact]
    public async Task A_rebuild_handed_to_the_channel_starts_as_many_trigger_chains_as_asked_and_its_consumers_rebuild_every_hold()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<BoardBug>());
        var projections = host.GetRequiredService<EstuaryProjections>();
        var documents = host.GetRequiredService<IDocumentStore>();
        var holds = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var hold in holds)
        {
            await host.Commands().SendAsync(new OpenHold(hold, "first"));
            await host.Commands().SendAsync(new LoadCargo(hold, "last"));
        }

        await host.Drain(AsyncChannels.Projections);
        await documents.DropCollectionAsync(HoldLastItems.Collection);

        await projections.RebuildOnChannelAsync("hold_last_items", triggers: 3);

        Assert.Equal(3, host.Channel(AsyncChannels.Projections).Count);
        await host.Drain(AsyncChannels.Projections);
        foreach (var hold in holds)
        {
            Assert.Equal(["last"], (await documents.FindAsync<Manifest>(HoldLastItems.Collection, hold.ToString("D")))!.Items);
        }

        Assert.Equal(new PartitionCounts(Count: 12, Behind: 0, Failing: 0, EventsBehind: 0), (await projections.StatusAsync()).Single(s => s.Name == "hold_last_items").Partitions);
    }

    [Fact]
    public async Task Handing_a_polled_projection_or_several_triggers_of_a_projection_that_is_not_partitioned_to_a_channel_is_refused_before_any_reset()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<BoardBug>());
        var projections = host.GetRequiredService<EstuaryProjections>();
        var hold = Guid.NewGuid();
        await host.Commands().SendAsync(new OpenHold(hold, "a1"));
        await projections.CatchUpAsync(Name);
        var position = (await projections.StatusAsync()).Single(s => s.Name == Name).Position;
        var queued = host.Channel(AsyncChannels.Projections).Count;

        var polled = await Assert.ThrowsAsync<InvalidOperationException>(() => projections.RebuildOnChannelAsync(Name, triggers: 2));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => projections.CatchUpOnChannelAsync("parcel_destinations", triggers: 2));

        Assert.Contains("is polled", polled.Message, StringComparison.Ordinal);
        Assert.Equal((1L, 1L), (await projections.GetPartitionAsync(Name, Key(hold))) is { } partition ? (partition.Version, partition.Due) : (0, 0));
        Assert.Equal(position, (await projections.StatusAsync()).Single(s => s.Name == Name).Position);
        Assert.Equal(queued, host.Channel(AsyncChannels.Projections).Count);
    }

    private static string Key(Guid hold) => "hold-" + hold.ToString("D");

    private static async Task<Manifest?> ManifestAsync(IServiceProvider host, Guid hold) =>
        await host.GetRequiredService<IDocumentStore>().FindAsync<Manifest>(HoldManifests.Collection, hold.ToString("D"));
}
