using System.Threading.Tasks;
using Estuary.Testing.Tests.Shop;
using Xunit;

namespace Estuary.Testing.Tests;

/// <summary>A test host that is a service of a distributed bus: the map's channels are recorded, its own inbox is consumed on demand.</summary>
public sealed class DistributedBusTests
{
    [Fact]
    public async Task Distributed_sends_are_recorded_on_the_map_channels_and_the_inbox_runs_like_any_channel()
    {
        await using var flow = ShopHost.Create(estuary => estuary.UseDistributedBus("shop", map => map
            .AddService("shop", "shop-inbox")
            .AddService("payments", "payments-inbox", "shop.*")));
        var bus = flow.Get<IDistributedBus>();

        await bus.SendCommandAsync("payments", "payments.capture", new RefundOrder("o-1", 5m));
        await bus.PublishEventAsync("shop.order-refunded", new RefundOrder("o-1", 5m));
        await bus.SendCommandAsync("shop", "shop.refund-order", new RefundOrder("o-2", 7m));

        Assert.Collection(
            flow.Recorded.SentTo("payments-inbox"),
            command => Assert.Equal(["command", "payments.capture"], [command.Headers["distributed-kind"], command.Headers["routing-key"]]),
            @event => Assert.Equal(["event", "shop.order-refunded"], [@event.Headers["distributed-kind"], @event.Headers["routing-key"]]));
        Assert.Equal(1, (await flow.RunAsync("shop-inbox"))[DeliveryOutcome.Handled]);
        Assert.Equal(["refund 7 for o-2"], flow.Get<FakeMailer>().Sent);
    }
}
