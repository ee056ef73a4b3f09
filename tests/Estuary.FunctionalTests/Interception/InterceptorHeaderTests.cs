using System;
using System.Threading.Tasks;
using Estuary.FunctionalTests.Interception.Enrichment;
using Xunit;

namespace Estuary.FunctionalTests.Interception;

public sealed class InterceptorHeaderTests
{
    [Fact]
    public async Task Headers_returned_by_a_header_changing_before_are_seen_by_the_handler()
    {
        await using var host = TestHost.Create();

        await host.Commands().SendAsync(new EnrichedCommand("e1"), new MessageHeaders { ["user"] = "alice" });

        Assert.Equal("handler tenant=acme checked-by=alice", host.Log()[0]);
    }

    [Fact]
    public async Task Headers_added_by_an_interceptor_propagate_to_messages_the_handler_sends()
    {
        await using var host = TestHost.Create();

        await host.Commands().SendAsync(new EnrichedCommand("e1"));

        Assert.Equal("handler tenant=acme checked-by=anonymous", host.Log()[0]);
        Assert.Equal("downstream tenant=acme checked-by=anonymous", host.Log()[^1]);
    }

    [Fact]
    public async Task Headers_changed_by_an_interceptor_override_the_senders()
    {
        await using var host = TestHost.Create();

        await host.Commands().SendAsync(new EnrichedCommand("e1"), new MessageHeaders { ["tenant"] = "globex", ["user"] = "bob" });

        Assert.Equal("handler tenant=acme checked-by=bob", host.Log()[0]);
    }

    [Fact]
    public async Task Reserved_headers_returned_by_an_interceptor_are_ignored()
    {
        await using var host = TestHost.Create();
        var correlation = Guid.NewGuid();

        // The interceptor also returns correlation-id = Guid.Empty.
        await host.Commands().SendAsync(new EnrichedCommand("e1"), new MessageHeaders { [MessageHeaderNames.CorrelationId] = correlation });

        Assert.Contains($"correlation {correlation}", host.Log());
    }

    [Fact]
    public async Task Header_changing_interceptor_leaves_the_senders_headers_untouched()
    {
        await using var host = TestHost.Create();
        var headers = new MessageHeaders { ["user"] = "alice" };

        await host.Commands().SendAsync(new EnrichedCommand("e1"), headers);

        Assert.Equal(["user"], headers.Keys);
    }

    [Fact]
    public async Task Headers_changed_for_one_event_subscriber_are_not_seen_by_its_siblings()
    {
        await using var host = TestHost.Create();

        await host.Events().PublishAsync(new Siblings.InventoryRecounted("sku"));

        Assert.Equal(["enriched subscriber tenant=acme", "plain subscriber tenant=none"], host.Log());
    }
}
