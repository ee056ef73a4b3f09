using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.FunctionalTests.Routing;

public sealed class JsonPayloadTests
{
    [Fact]
    public async Task Json_text_is_deserialized_to_the_command_handlers_message_type()
    {
        await using var host = TestHost.Create();

        await host.Commands().SendWithRoutingAsync("payments.charge", """{"CardId":"c2","Amount":5.25}""", MessageRegistry.JsonContentType);

        Assert.Equal(["charged c2 5.25 via payments.charge (application/json)"], host.Log());
    }

    [Fact]
    public async Task Json_utf8_bytes_are_deserialized_to_the_query_handlers_message_type()
    {
        await using var host = TestHost.Create();

        var result = await host.Queries().SendWithRoutingAsync("shipping.quote", Encoding.UTF8.GetBytes("""{"Country":"DE"}"""), "application/json; charset=utf-8");

        Assert.Equal(new ShippingQuote("DE", 30m), result);
    }

    [Fact]
    public async Task Json_for_a_type_without_json_metadata_fails_saying_to_add_JsonSerializable()
    {
        await using var host = TestHost.Create();

        var error = await Assert.ThrowsAsync<MessageConversionException>(async () =>
            await host.Commands().SendWithRoutingAsync("payments.refund", """{"CardId":"r1"}""", MessageRegistry.JsonContentType));

        Assert.Contains(typeof(RefundCard).FullName!, error.Message);
        Assert.Contains("[JsonSerializable(typeof(RefundCard))]", error.Message);
        Assert.Empty(host.Log());
    }

    [Fact]
    public async Task Invalid_json_fails_with_a_conversion_error_naming_the_message()
    {
        await using var host = TestHost.Create();

        var error = await Assert.ThrowsAsync<MessageConversionException>(async () =>
            await host.Commands().SendWithRoutingAsync("payments.charge", """{"CardId": """, MessageRegistry.JsonContentType));

        Assert.Contains(typeof(ChargeCard).FullName!, error.Message);
        Assert.Empty(host.Log());
    }
}
