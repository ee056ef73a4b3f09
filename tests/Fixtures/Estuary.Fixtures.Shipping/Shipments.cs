using System;
using System.Collections.Concurrent;
using Estuary.Fixtures.Billing;

namespace Estuary.Fixtures.Shipping;

public sealed record ScheduleShipment(string InvoiceId);

/// <summary>A shipment Shipping scheduled, with the ids of the message that caused it.</summary>
public sealed record ScheduledShipment(string InvoiceId, string Reason, Guid CorrelationId, Guid? CausationId);

/// <summary>What Shipping did, for tests to read. The host registers it.</summary>
public sealed class ShippingLog
{
    private readonly ConcurrentQueue<ScheduledShipment> _shipments = new();

    public ScheduledShipment[] Shipments => _shipments.ToArray();

    public void Record(ScheduledShipment shipment) => _shipments.Enqueue(shipment);
}

/// <summary>Reacts to Billing's event: the module boundary is crossed only by the event type.</summary>
public static class InvoicePaidSubscriber
{
    [EventHandler]
    public static void ShipPaidOrder(InvoicePaid paid, MessageContext context, ShippingLog log) =>
        log.Record(new ScheduledShipment(paid.InvoiceId, "invoice paid", context.CorrelationId, context.CausationId));
}

public sealed class ShipmentHandlers(ShippingLog log)
{
    [CommandHandler]
    public void Schedule(ScheduleShipment command, MessageContext context) =>
        log.Record(new ScheduledShipment(command.InvoiceId, "scheduled by hand", context.CorrelationId, context.CausationId));
}
