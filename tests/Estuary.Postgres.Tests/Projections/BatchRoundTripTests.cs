using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Estuary.Postgres.Tests.Flows;
using Estuary.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Estuary.Postgres.Tests.Projections;

/// <summary>What a projection batch costs in round trips, counted on the wire: the same whatever its size.</summary>
public sealed class BatchRoundTripTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Theory]
    [InlineData("ticks_by_10", 20)]
    [InlineData("ticks_by_100", 200)]
    public async Task A_batch_takes_four_round_trips_whatever_its_size_and_an_empty_one_three(string projection, int events)
    {
        await using var relay = RoundTripProxy.Start(TestDatabase.ConnectionString);
        await using var host = CreateHost(relay.ConnectionString);
        var projections = host.GetRequiredService<EstuaryProjections>();

        // A first catch-up creates the schema and the projection's record and opens the pool.
        await projections.CatchUpAsync(projection);
        await AppendAsync(host, events);
        relay.Reset();

        var handled = await projections.CatchUpAsync(projection);

        // Two full batches (take the projection, read, save the position, commit) and the one that finds
        // nothing more (take, read, commit).
        Assert.Equal(events, handled);
        Assert.Equal((2 * 4) + 3, relay.RoundTrips);
    }

    private ServiceProvider CreateHost(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TickCount>();
        var dataSource = new NpgsqlDataSourceBuilder(connectionString + $";Search Path=\"{database.Schema}\"").Build();
        services.AddEstuary(estuary => estuary
            .AddModule<PostgresFlowsModule>()
            .UsePostgres(dataSource, postgres =>
            {
                postgres.Options.SchemaName = database.Schema;
                postgres.AddChannel(AccountHandlers.Channel, consumer => consumer.RunInHost = false);
            }));
        return services.BuildServiceProvider();
    }

    private static async Task AppendAsync(ServiceProvider host, int count)
    {
        var runtime = host.GetRequiredService<Runtime.EstuaryRuntime>();
        var data = new List<EventData>();
        foreach (var n in Enumerable.Range(1, count))
        {
            data.Add(await runtime.Events.SerializeAsync(new Ticked(n), EventMetadata.Empty));
        }

        var store = host.GetRequiredService<IEventStore>();
        var stream = "pg-ticks-" + count;
        await store.AppendAsync(stream, ExpectedVersion.Any, data);

        // Readers of all events see a commit once no older transaction runs in the server (tests of
        // other classes run meanwhile): the count below is taken once this stream's events are visible.
        while ((await store.ReadAllAsync(AllPosition.Start, 10_000)).Events.Count(e => e.StreamId == stream) < count)
        {
            await Task.Delay(20);
        }
    }
}
