using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Estuary.Channels;
using Estuary.Postgres.Tests.Flows;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Postgres.Tests.Projections;

/// <summary>A partitioned projection's backfill and rebuild handed to the consumers of its channel, shared by two hosts.</summary>
public sealed class ChannelCatchUpTests(TestDatabase database)
    : ProjectionTestClass(database, "DROP TABLE IF EXISTS {schema}.crew_rosters; DELETE FROM {schema}.events; DELETE FROM {schema}.streams")
{
    private const string Name = "crew_rosters";
    private const int Crews = 30;
    private const int Signings = 4;

    [Fact]
    public async Task Two_hosts_consuming_the_triggers_share_the_backfill_and_the_rebuild_and_each_crew_is_handled_once_in_order()
    {
        await SignAsync();
        await using var other = ProjectionHost.Create(Database, worker: "B");

        await Projections.CatchUpOnChannelAsync(Name, triggers: 4);
        await ConsumeTogetherAsync(other);

        await AssertEachSigningOnceInOrderAsync();
        Assert.Equal(2L, await Database.ScalarAsync<long>("SELECT count(DISTINCT worker) FROM {schema}.crew_rosters"));

        await Projections.RebuildOnChannelAsync(Name, triggers: 4);
        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT count(*) FROM {schema}.crew_rosters"));
        await ConsumeTogetherAsync(other);

        await AssertEachSigningOnceInOrderAsync();
        Assert.Equal(2L, await Database.ScalarAsync<long>("SELECT count(DISTINCT worker) FROM {schema}.crew_rosters"));
    }

    // Appended directly, as another system would: no repository, so no trigger is sent for them.
    private async Task SignAsync()
    {
        var runtime = Host.GetRequiredService<Runtime.EstuaryRuntime>();
        var events = Host.GetRequiredService<IEventStore>();
        for (var sequence = 1; sequence <= Signings; sequence++)
        {
            for (var crew = 0; crew < Crews; crew++)
            {
                var stream = "pg-crews-" + crew;
                await events.AppendAsync(stream, ExpectedVersion.Any, [await runtime.Events.SerializeAsync(new CrewSigned(stream, sequence), EventMetadata.Empty)]);
            }
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await events.ReadAllAsync(AllPosition.Start, 10_000)).Events.Count < Crews * Signings)
        {
            Assert.True(DateTime.UtcNow < deadline, "The signings did not become visible to readers of all events.");
            await Task.Delay(20);
        }
    }

    // Both hosts' consumers at once, again while triggers are left (a chain's next trigger commits with its batch).
    private async Task ConsumeTogetherAsync(ServiceProvider other)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        do
        {
            Assert.True(DateTime.UtcNow < deadline, "The consumers did not finish the catch-up in time.");
            await Task.WhenAll(ConsumeAsync(Host), ConsumeAsync(other));
        }
        while (await PendingAsync() > 0 || (await Projections.StatusAsync()).Single(s => s.Name == Name).Partitions!.Behind > 0);
    }

    private static Task<ConsumerRunResult> ConsumeAsync(IServiceProvider host) =>
        host.GetRequiredService<EstuaryConsumers>().RunAsync(AccountHandlers.Channel, new ConsumerLimits { StopWhenEmpty = true });

    private ValueTask<long> PendingAsync() =>
        ((IInspectableChannel)Host.GetRequiredService<EstuaryConsumers>().Channel(AccountHandlers.Channel)).CountPendingAsync(default);

    private async Task AssertEachSigningOnceInOrderAsync()
    {
        var rows = new List<(string Stream, int Sequence)>();
        await using var command = Database.DataSource.CreateCommand($"SELECT stream, sequence FROM \"{Database.Schema}\".crew_rosters ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        Assert.Equal(Crews * Signings, rows.Count);
        foreach (var crew in rows.GroupBy(r => r.Stream))
        {
            Assert.Equal(Enumerable.Range(1, Signings), crew.Select(r => r.Sequence));
        }
    }
}
