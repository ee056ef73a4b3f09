using System.Threading.Tasks;
using Xunit;

namespace Estuary.FunctionalTests.Handling;

public sealed class EventFanOutTests
{
    [Fact]
    public async Task Event_reaches_every_subscriber_highest_priority_first()
    {
        await using var host = TestHost.Create();

        await host.Events().PublishAsync(new CustomerJoined("ada"));

        Assert.Equal(
            ["welcome mail (10) ada", "notify (5) ada", "count (0) ada", "archive (-5) ada"],
            host.Log());
    }

    [Fact]
    public async Task Event_published_as_object_reaches_every_subscriber()
    {
        await using var host = TestHost.Create();

        await host.Events().PublishObjectAsync(new CustomerJoined("grace"));

        Assert.Equal(4, host.Log().Length);
        Assert.All(host.Log(), entry => Assert.EndsWith("grace", entry));
    }

    [Fact]
    public async Task Synchronous_subscribers_run_by_priority()
    {
        await using var host = TestHost.Create();

        await host.Events().PublishAsync(new CustomerLeft("ada"));

        Assert.Equal("urgent (1)", host.Log()[0]);
        Assert.Equal(3, host.Log().Length);
    }

    [Fact]
    public async Task Subscribers_with_equal_priority_run_in_declaration_order()
    {
        await using var host = TestHost.Create();

        await host.Events().PublishAsync(new CustomerLeft("ada"));

        // EventHandlerAttribute.Priority: "equal priorities keep declaration order".
        Assert.Equal(["urgent (1)", "zebra (declared first)", "aardvark (declared second)"], host.Log());
    }
}
