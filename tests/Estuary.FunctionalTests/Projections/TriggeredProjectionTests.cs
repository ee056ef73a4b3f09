using System;
using System.Linq;
using System.Threading.Tasks;
using Estuary.FunctionalTests.Asynchronous;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Projections;

/// <summary>
/// A projection marked [Asynchronous]: appends send it a trigger in their unit of work, and the
/// projections channel's consumer runs its batches with the channel's retries and dead letter.
/// </summary>
public sealed class TriggeredProjectionTests
{
    private const string Name = "parcel_destinations";

    [Fact]
    public async Task Each_append_sends_one_trigger_and_the_channels_consumer_projects_the_parcels()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<BoardBug>());
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        await host.Commands().SendAsync(new ShipParcel(first, "Lyon"));
        await host.Commands().SendAsync(new ShipParcel(second, "Oslo"));
        var documents = host.GetRequiredService<IDocumentStore>();

        Assert.Equal(2, host.Channel(AsyncChannels.Projections).Count);
        Assert.Equal(0L, await documents.CountAsync(ParcelDestinations.Collection));

        await host.Drain(AsyncChannels.Projections);

        Assert.Equal(new ParcelRoute("Lyon"), await documents.GetAsync<ParcelRoute>(ParcelDestinations.Collection, first.ToString("D")));
        Assert.Equal(new ParcelRoute("Oslo"), await documents.GetAsync<ParcelRoute>(ParcelDestinations.Collection, second.ToString("D")));
        var statuses = await host.GetRequiredService<EstuaryProjections>().StatusAsync();
        var status = statuses.Single(s => s.Name == Name);
        Assert.True(status.Initialized);
        Assert.Equal("channel:" + AsyncChannels.Projections, status.Mode);
        Assert.Equal("synchronous", statuses.Single(s => s.Name == "parcel_tally").Mode);
        Assert.Equal("polled", statuses.Single(s => s.Name == "ticket_board").Mode);
    }

    [Fact]
    public async Task A_trigger_whose_batch_is_full_sends_the_next_one_so_one_trigger_catches_up_every_event()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<BoardBug>());

        // Appended without the repository: nothing triggers the projection but the explicit trigger.
        var events = host.GetRequiredService<IEventStore>();
        var serializer = host.GetRequiredService<Runtime.EstuaryRuntime>().Events;
        for (var i = 0; i < 5; i++)
        {
            var shipped = new ParcelShipped(Guid.NewGuid(), "port " + i);
            var data = await serializer.SerializeAsync(shipped, new EventMetadata(), default);
            await events.AppendAsync("parcels-" + shipped.ParcelId.ToString("D"), ExpectedVersion.NoStream, [data]);
        }

        Assert.Equal(0, host.Channel(AsyncChannels.Projections).Count);
        await host.GetRequiredService<EstuaryProjections>().TriggerAsync(Name);
        var run = await host.Drain(AsyncChannels.Projections);

        // Batches of two: 2, 2, 1; each full batch sent the trigger of the next.
        Assert.Equal(3, run[DeliveryOutcome.Handled]);
        Assert.Equal(5L, await host.GetRequiredService<IDocumentStore>().CountAsync(ParcelDestinations.Collection));
    }

    [Fact]
    public async Task A_failing_batch_is_retried_then_dead_lettered_with_its_reason_and_the_fixed_projection_goes_on_from_its_position()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<BoardBug>());
        var documents = host.GetRequiredService<IDocumentStore>();
        host.GetRequiredService<BoardBug>().FailsOn = "Atlantis";
        await host.Commands().SendAsync(new ShipParcel(Guid.NewGuid(), "Atlantis"));

        await host.Drain(AsyncChannels.Projections);

        var dead = Assert.Single(await host.DeadLetters().ListAsync());
        Assert.Equal("projection:" + Name, dead.Message.EndpointId);
        Assert.Contains("No route to 'Atlantis' yet.", dead.Reason, StringComparison.Ordinal);
        Assert.Equal(0L, await documents.CountAsync(ParcelDestinations.Collection));
        Assert.Equal(AllPosition.Start, (await host.GetRequiredService<EstuaryProjections>().StatusAsync()).Single(s => s.Name == Name).Position);

        // Fixed: the next append's trigger reads from the committed position, the failed event first.
        host.GetRequiredService<BoardBug>().FailsOn = null;
        await host.Commands().SendAsync(new ShipParcel(Guid.NewGuid(), "Brest"));
        await host.Drain(AsyncChannels.Projections);

        Assert.Equal(2L, await documents.CountAsync(ParcelDestinations.Collection));
    }

    [Fact]
    public async Task The_hosts_worker_leaves_a_triggered_projection_to_its_channel_but_triggers_it_when_it_stays_behind()
    {
        await using var host = TestHost.Create(
            services => services.AddSingleton<BoardBug>().AddSingleton<BoardBatches>().AddScoped<BoardBatch>(),
            estuary => estuary.AddModule<FunctionalTestsModule>().AddTestChannels().Options.ProjectionPollInterval = TimeSpan.FromMilliseconds(20));
        var worker = host.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Single(s => s.GetType().Name == "ProjectionsHostedService");
        var events = host.GetRequiredService<IEventStore>();
        var serializer = host.GetRequiredService<Runtime.EstuaryRuntime>().Events;
        var shipped = new ParcelShipped(Guid.NewGuid(), "Bergen");
        await events.AppendAsync("parcels-" + shipped.ParcelId.ToString("D"), ExpectedVersion.NoStream, [await serializer.SerializeAsync(shipped, new EventMetadata(), default)]);

        await worker.StartAsync(default);
        try
        {
            // The worker never runs it itself: only a trigger on the channel appears.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (host.Channel(AsyncChannels.Projections).Count == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }

            Assert.True(host.Channel(AsyncChannels.Projections).Count > 0);
            Assert.Equal(0L, await host.GetRequiredService<IDocumentStore>().CountAsync(ParcelDestinations.Collection));

            await host.Drain(AsyncChannels.Projections);
            Assert.Equal(new ParcelRoute("Bergen"), await host.GetRequiredService<IDocumentStore>().GetAsync<ParcelRoute>(ParcelDestinations.Collection, shipped.ParcelId.ToString("D")));
        }
        finally
        {
            await worker.StopAsync(default);
        }
    }
}
