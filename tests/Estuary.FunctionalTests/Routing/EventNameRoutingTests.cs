using System.Threading.Tasks;
using Xunit;

namespace Estuary.FunctionalTests.Routing;

public sealed class EventNameRoutingTests
{
    [Fact]
    public async Task Wildcard_subscriber_receives_a_named_event_published_by_type()
    {
        await using var host = TestHost.Create();

        await host.Events().PublishAsync(new OrderPlaced("o1"));

        Assert.Equal(["order.* via type", "placed o1"], host.Log());
    }

    [Fact]
    public async Task Wildcard_subscriber_receives_a_named_event_that_has_no_typed_subscriber()
    {
        await using var host = TestHost.Create();

        await host.Events().PublishAsync(new OrderCancelled("o2"));

        Assert.Equal(["order.* via type"], host.Log());
    }

    [Fact]
    public async Task Event_published_by_routing_key_reaches_the_subscribers_whose_pattern_matches()
    {
        await using var host = TestHost.Create();

        await host.Events().PublishWithRoutingAsync("order.returned", new { OrderId = "o3" });

        Assert.Equal(["order.* via order.returned"], host.Log());
    }

    [Fact]
    public async Task Wildcard_in_the_middle_of_a_pattern_matches_any_segment()
    {
        await using var host = TestHost.Create();

        await host.Events().PublishWithRoutingAsync("invoice.2024-17.paid");
        await host.Events().PublishWithRoutingAsync("invoice.2024-17.voided");

        Assert.Equal(["invoice paid via invoice.2024-17.paid"], host.Log());
    }

    [Fact]
    public async Task Json_event_published_by_routing_key_is_deserialized_for_a_typed_pattern_subscriber()
    {
        await using var host = TestHost.Create();

        await host.Events().PublishWithRoutingAsync("order.shipped", """{"OrderId":"o4","Carrier":"ups"}""", MessageRegistry.JsonContentType);

        Assert.Equal(["order.* via order.shipped", "shipped o4 by ups"], host.Log());
    }

    [Fact]
    public async Task Json_event_published_under_its_registered_message_name_reaches_its_typed_subscribers()
    {
        await using var host = TestHost.Create();

        // As a transport delivers it: the stable name from [MessageName] and the JSON body.
        await host.Events().PublishWithRoutingAsync("order.placed", """{"OrderId":"o9"}""", MessageRegistry.JsonContentType);

        Assert.Equal(["order.* via order.placed", "placed o9"], host.Log());
    }

    [Fact]
    public async Task Event_published_by_a_routing_key_nobody_listens_to_is_a_no_op()
    {
        await using var host = TestHost.Create();

        await host.Events().PublishWithRoutingAsync("nobody.listens", new object());

        Assert.Empty(host.Log());
    }
}
