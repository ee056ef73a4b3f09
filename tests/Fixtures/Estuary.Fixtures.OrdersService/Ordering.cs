using System;
using System.Text.Json.Serialization;
using System.Threading.Tasks;

namespace Estuary.Fixtures.OrdersService;

/// <summary>Places an order, on the orders service's own channel.</summary>
public sealed record PlaceOrder(string OrderId, decimal Amount);

/// <summary>What orders asks billing for: its own class, with the JSON billing reads.</summary>
public sealed record InvoiceRequest(string OrderId, decimal Amount);

/// <summary>Orders' view of billing's event.</summary>
public sealed record InvoiceNotice(string OrderId, string InvoiceNumber);

[JsonSerializable(typeof(PlaceOrder))]
[JsonSerializable(typeof(InvoiceRequest))]
[JsonSerializable(typeof(InvoiceNotice))]
internal partial class OrdersJson : JsonSerializerContext;

public static class Ordering
{
    /// <summary>The command to billing is stored in this delivery's transaction and forwarded by the outbox.</summary>
    [CommandHandler]
    [Asynchronous("orders")]
    public static async Task Place(PlaceOrder command, IDistributedBus bus) =>
        await bus.SendCommandAsync("billing", "billing.create-invoice", new InvoiceRequest(command.OrderId, command.Amount));

    /// <summary>Prints each invoice billing reports; the test reads standard output.</summary>
    [Distributed]
    [EventHandler("billing.invoice-*")]
    public static void OnInvoice(InvoiceNotice notice, MessageContext context) =>
        Console.WriteLine($"invoice {notice.OrderId} {notice.InvoiceNumber} from {(context.TryGetHeader(MessageHeaderNames.SourceService, out var source) ? source : "?")}");
}
