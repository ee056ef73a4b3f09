using System.Text.Json.Serialization;
using System.Threading.Tasks;

namespace Estuary.FunctionalTests.Routing;

public sealed record ChargeCard(string CardId, decimal Amount);

public sealed record QuoteShipping(string Country);

public sealed record ShippingQuote(string Country, decimal Price);

/// <summary>Handled by routing key, but not covered by <see cref="TestJson"/>.</summary>
public sealed record RefundCard(string CardId);

// JSON metadata for payloads sent as text; RefundCard is deliberately left out.
[JsonSerializable(typeof(ChargeCard))]
[JsonSerializable(typeof(QuoteShipping))]
[JsonSerializable(typeof(OrderShipped))]
[JsonSerializable(typeof(OrderPlaced))]
internal partial class TestJson : JsonSerializerContext;

public sealed class PaymentHandlers(CallLog log)
{
    [CommandHandler("payments.charge")]
    public void Charge(ChargeCard command, MessageContext context) =>
        log.Add($"charged {command.CardId} {command.Amount} via {context.RoutingKey ?? "type"} ({context.ContentType ?? "object"})");

    [CommandHandler("payments.refund")]
    public void Refund(RefundCard command) => log.Add($"refunded {command.CardId}");

    // A routing-key-only handler: no message parameter at all.
    [CommandHandler("payments.ping")]
    public string Ping([Header("from")] string from) => $"pong to {from}";

    [QueryHandler("shipping.quote")]
    public async ValueTask<ShippingQuote> QuoteAsync(QuoteShipping query)
    {
        await Task.Yield();
        return new ShippingQuote(query.Country, query.Country == "FR" ? 12.5m : 30m);
    }
}
