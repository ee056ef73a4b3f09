using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Asynchronous;

public sealed class AsynchronousBusTests
{
    [Fact]
    public async Task Command_sent_through_an_asynchronous_bus_reaches_its_synchronous_handler_through_the_bus_channel()
    {
        await using var host = AsyncTestHost.Create();
        var outbox = host.GetRequiredService<IOutboxBus>();

        await outbox.SendAsync(new RecordVisit("/home"));

        Assert.Empty(host.Log());
        var run = await host.Drain(AsyncChannels.Payments);
        Assert.Equal(1, run[DeliveryOutcome.Handled]);
        Assert.Equal(["visit /home"], host.Log());

        // The plain bus still runs the same handler during the send.
        await host.Commands().SendAsync(new RecordVisit("/about"));
        Assert.Equal("visit /about", host.Log()[^1]);
    }

    [Fact]
    public async Task Event_published_through_an_asynchronous_bus_gives_every_subscriber_a_copy_on_a_channel()
    {
        await using var host = AsyncTestHost.Create();
        var outbox = host.GetRequiredService<IOutboxBus>();

        await outbox.PublishAsync(new StockReserved("o-b"));

        Assert.Empty(host.Log());
        var synchronousSubscriber = Assert.Single(host.Channel(AsyncChannels.Payments).Drain());
        Assert.EndsWith(".Count", synchronousSubscriber.EndpointId, StringComparison.Ordinal);
        Assert.Equal(["stock.invoice", "stock.notify", "stock.ship"], host.Channel(AsyncChannels.Orders).Drain().Select(m => m.EndpointId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Message_sent_through_an_asynchronous_bus_inside_a_unit_of_work_waits_for_its_commit()
    {
        await using var host = AsyncTestHost.Create();
        var outbox = host.GetRequiredService<IOutboxBus>();

        await using (var scope = UnitOfWork.Begin(host.GetRequiredService<Runtime.EstuaryRuntime>(), session: null))
        {
            await outbox.SendAsync(new RecordVisit("/cart"));
            Assert.Equal(0, host.Channel(AsyncChannels.Payments).Count);
            await scope.CommitAsync();
        }

        Assert.Equal(1, host.Channel(AsyncChannels.Payments).Count);

        await using (UnitOfWork.Begin(host.GetRequiredService<Runtime.EstuaryRuntime>(), session: null))
        {
            await outbox.SendAsync(new RecordVisit("/abandoned"));
        }

        Assert.Equal(1, host.Channel(AsyncChannels.Payments).Count);
    }
}
