using System;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Estuary.FunctionalTests.Asynchronous;

namespace Estuary.FunctionalTests.Distributed;

// The billing service's own classes.
public sealed record CreateInvoice(string OrderId, decimal Amount);

public sealed record InvoiceCreated(string OrderId, string InvoiceId);

public sealed record CreateInvoiceOrFail(string OrderId, decimal Amount);

public sealed record RecalculateInvoice(string OrderId);

// The orders service's own classes: the same JSON, other names. No class crosses the bus.
public sealed record InvoiceRequest(string OrderId, decimal Amount);

public sealed record InvoiceNotice(string OrderId, string InvoiceId);

[JsonSerializable(typeof(CreateInvoice))]
[JsonSerializable(typeof(InvoiceCreated))]
[JsonSerializable(typeof(CreateInvoiceOrFail))]
[JsonSerializable(typeof(RecalculateInvoice))]
[JsonSerializable(typeof(InvoiceRequest))]
[JsonSerializable(typeof(InvoiceNotice))]
internal partial class DistributedJson : JsonSerializerContext;

/// <summary>What the billing service lets other services call, and a handler it keeps to itself.</summary>
public sealed class BillingService(CallLog log)
{
    public const string CreateKey = "billing.create-invoice";
    public const string CreateThenFailKey = "billing.create-invoice-then-fail";
    public const string InternalKey = "billing.recalculate";
    public const string CreatedEvent = "billing.invoice-created";

    [Distributed]
    [CommandHandler(CreateKey)]
    public async Task Create(CreateInvoice command, MessageContext context, IDistributedBus bus)
    {
        context.TryGetHeader("tenant", out var tenant);
        log.Add($"billing: invoice for {command.OrderId} of {command.Amount} (tenant {tenant}, message {context.MessageId}, from {Source(context)})");
        await bus.PublishEventAsync(CreatedEvent, new InvoiceCreated(command.OrderId, "inv-" + command.OrderId));
    }

    [Distributed]
    [CommandHandler(CreateThenFailKey)]
    public async Task CreateThenFail(CreateInvoiceOrFail command, IDistributedBus bus)
    {
        await bus.PublishEventAsync(CreatedEvent, new InvoiceCreated(command.OrderId, "never"));
        throw new InvalidOperationException("the ledger is closed");
    }

    [CommandHandler(InternalKey)]
    public void Recalculate(RecalculateInvoice command) => log.Add("billing: recalculated " + command.OrderId);

    private static object? Source(MessageContext context) => context.TryGetHeader(MessageHeaderNames.SourceService, out var source) ? source : null;
}

/// <summary>The orders service's subscribers to billing's events.</summary>
public sealed class OrdersService(CallLog log)
{
    [Distributed]
    [EventHandler("billing.invoice-*")]
    public void OnInvoice(InvoiceNotice notice, MessageContext context) =>
        log.Add($"orders: invoice {notice.InvoiceId} for {notice.OrderId} (message {context.MessageId}, correlation {context.CorrelationId})");

    [Distributed]
    [EventHandler("billing.invoice-*")]
    [Asynchronous(AsyncChannels.Reminders)]
    public void RemindLater(InvoiceNotice notice, MessageContext context) =>
        log.Add($"orders: reminder for {notice.InvoiceId} (message {context.MessageId})");

    [EventHandler("billing.invoice-*")]
    public void LocalOnly(InvoiceNotice notice) => log.Add("orders: local handler reached from outside");
}
