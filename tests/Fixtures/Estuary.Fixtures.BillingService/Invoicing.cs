using System.Text.Json.Serialization;
using System.Threading.Tasks;

namespace Estuary.Fixtures.BillingService;

/// <summary>Billing's view of the command orders sends: its own class, read from the JSON.</summary>
public sealed record CreateInvoice(string OrderId, decimal Amount);

/// <summary>What billing publishes once an invoice exists.</summary>
public sealed record InvoiceCreated(string OrderId, string InvoiceNumber, decimal Amount);

[JsonSerializable(typeof(CreateInvoice))]
[JsonSerializable(typeof(InvoiceCreated))]
internal partial class BillingJson : JsonSerializerContext;

public static class Invoicing
{
    /// <summary>Called by other services; the event leaves in this delivery's transaction (the orders channel is in the same database).</summary>
    [Distributed]
    [CommandHandler("billing.create-invoice")]
    public static async Task Create(CreateInvoice command, IDistributedBus bus) =>
        await bus.PublishEventAsync("billing.invoice-created", new InvoiceCreated(command.OrderId, "INV-" + command.OrderId, command.Amount));
}
