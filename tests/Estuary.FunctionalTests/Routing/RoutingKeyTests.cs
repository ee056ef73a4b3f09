using System.Threading.Tasks;
using Xunit;

namespace Estuary.FunctionalTests.Routing;

public sealed class RoutingKeyTests
{
    [Fact]
    public async Task Command_sent_by_routing_key_reaches_the_handler_registered_for_it()
    {
        await using var host = TestHost.Create();

        await host.Commands().SendWithRoutingAsync("payments.charge", new ChargeCard("c1", 10m));

        Assert.Equal(["charged c1 10 via payments.charge (object)"], host.Log());
    }

    [Fact]
    public async Task Handler_with_a_routing_key_is_still_reached_by_its_message_type()
    {
        await using var host = TestHost.Create();

        await host.Commands().SendAsync(new ChargeCard("c1", 3m));

        Assert.Equal(["charged c1 3 via type (object)"], host.Log());
    }

    [Fact]
    public async Task Query_sent_by_routing_key_returns_the_handlers_result()
    {
        await using var host = TestHost.Create();

        var quote = await host.Queries().SendWithRoutingAsync<ShippingQuote>("shipping.quote", new QuoteShipping("FR"));

        Assert.Equal(new ShippingQuote("FR", 12.5m), quote);
    }

    [Fact]
    public async Task Routing_key_only_handler_runs_without_a_payload_and_returns_its_result()
    {
        await using var host = TestHost.Create();

        var reply = await host.Commands().SendWithRoutingAsync("payments.ping", headers: new MessageHeaders { ["from"] = "ops" });

        Assert.Equal("pong to ops", reply);
    }

    [Fact]
    public async Task Unknown_routing_key_fails_naming_the_key()
    {
        await using var host = TestHost.Create();

        var error = await Assert.ThrowsAsync<NoHandlerException>(async () => await host.Commands().SendWithRoutingAsync("payments.unknown", new ChargeCard("c", 1m)));

        Assert.Contains("'payments.unknown'", error.Message);
        Assert.Contains("[CommandHandler(\"payments.unknown\")]", error.Message);
    }

    [Fact]
    public async Task Payload_of_the_wrong_type_fails_naming_both_types()
    {
        await using var host = TestHost.Create();

        var error = await Assert.ThrowsAsync<MessageConversionException>(async () => await host.Commands().SendWithRoutingAsync("payments.charge", new RefundCard("r")));

        Assert.Contains(nameof(ChargeCard), error.Message);
        Assert.Contains(nameof(RefundCard), error.Message);
        Assert.Empty(host.Log());
    }
}
