using System.Threading.Tasks;
using Xunit;

namespace Estuary.FunctionalTests.Events;

public sealed class EventSubscriptionTests
{
    [Fact]
    public async Task Event_reaches_subscribers_of_its_type_its_base_class_and_its_interfaces()
    {
        await using var host = TestHost.Create();

        await host.Events().PublishAsync(new StockAdjusted("sku-1", -2, "ada"));

        Assert.Equal(["adjusted sku-1 by -2", "inventory sku-1", "audited ada"], host.Log());
    }

    [Fact]
    public async Task Subscriber_of_a_base_class_receives_every_derived_event()
    {
        await using var host = TestHost.Create();

        await host.Events().PublishAsync(new StockCounted("sku-2", 10));

        Assert.Equal(["inventory sku-2"], host.Log());
    }

    [Fact]
    public async Task Subscriber_of_an_interface_receives_every_implementing_event()
    {
        await using var host = TestHost.Create();

        await host.Events().PublishAsync(new PriceChanged("sku-3", "grace"));

        Assert.Equal(["audited grace"], host.Log());
    }

    [Fact]
    public async Task Event_published_through_a_base_class_reference_is_routed_by_its_runtime_type()
    {
        await using var host = TestHost.Create();
        InventoryEvent @event = new StockAdjusted("sku-4", 1, "lin");

        await host.Events().PublishAsync(@event);

        Assert.Equal(["adjusted sku-4 by 1", "inventory sku-4", "audited lin"], host.Log());
    }

    [Fact]
    public async Task Event_without_subscribers_is_published_as_a_no_op()
    {
        await using var host = TestHost.Create();

        await host.Events().PublishAsync(new NobodyListens("hello?"));
        await host.Events().PublishObjectAsync(new NobodyListens("anyone?"));

        Assert.Empty(host.Log());
    }
}
