using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Estuary.FunctionalTests.Asynchronous;

namespace Estuary.FunctionalTests.Sagas;

public sealed record OrderPlaced(Guid OrderId, decimal Total);

public sealed record PaymentCaptured(Guid OrderId, decimal Amount);

public sealed record ShipOrder(Guid OrderId);

public sealed record OrderShipped(Guid OrderId);

public sealed record OrderCancelled(Guid OrderId, string Reason);

public sealed record PaymentClockStarted(Guid OrderId);

public sealed record GetOrderProgress(Guid OrderId);

/// <summary>
/// Ships an order once it is paid in full, or cancels it when no payment came within 30 minutes.
/// Order and payment may arrive in either order: each starts the saga if it does not exist yet.
/// </summary>
[Saga(Name = "order-process")]
public sealed class OrderProcess
{
    public const int PaymentMinutes = 30;

    [Identifier]
    public Guid OrderId { get; set; }

    [AggregateVersion]
    public long Version { get; set; }

    public decimal Total { get; set; }

    public decimal Paid { get; set; }

    public string Status { get; set; } = "new";

    [SagaCompleted]
    public bool Completed { get; set; }

    private readonly List<object> _recorded = [];

    [AggregateEvents]
    public IEnumerable<object> Recorded() => _recorded;

    [EventHandler]
    public static OrderProcess Start(OrderPlaced placed)
    {
        var process = new OrderProcess { OrderId = placed.OrderId, Total = placed.Total, Status = "awaiting payment" };
        process._recorded.Add(new PaymentClockStarted(placed.OrderId));
        return process;
    }

    [EventHandler]
    public Task OnPlaced(OrderPlaced placed, ICommandBus commands)
    {
        Total = placed.Total;
        return ShipWhenPaidAsync(commands);
    }

    [EventHandler]
    public static OrderProcess StartPaid(PaymentCaptured payment) =>
        new() { OrderId = payment.OrderId, Paid = payment.Amount, Status = "paid before placed" };

    [EventHandler]
    public Task OnPaid(PaymentCaptured payment, ICommandBus commands)
    {
        Paid += payment.Amount;
        return ShipWhenPaidAsync(commands);
    }

    [EventHandler]
    public void OnShipped(OrderShipped shipped)
    {
        Status = "shipped";
        Completed = true;
    }

    /// <summary>The timeout: a delayed asynchronous handler of the saga's own event, which checks the state when it runs.</summary>
    [Asynchronous(AsyncChannels.Sagas)]
    [Delayed(PaymentMinutes * 60_000)]
    [EventHandler(EndpointId = "order-process.payment-deadline")]
    public void OnPaymentDeadline(PaymentClockStarted started)
    {
        if (Total == 0 || Paid < Total)
        {
            Status = "cancelled";
            Completed = true;
            _recorded.Add(new OrderCancelled(OrderId, "not paid within " + PaymentMinutes + " minutes"));
        }
    }

    [QueryHandler]
    public string Progress(GetOrderProgress query) => $"{Status}: {Paid}/{Total}";

    private async Task ShipWhenPaidAsync(ICommandBus commands)
    {
        if (Total > 0 && Paid >= Total && Status != "shipping")
        {
            Status = "shipping";
            await commands.SendAsync(new ShipOrder(OrderId));
        }
    }
}

/// <summary>Ships asynchronously and reports back with an event.</summary>
public static class Warehouse
{
    [Asynchronous(AsyncChannels.Sagas)]
    [CommandHandler(EndpointId = "warehouse.ship")]
    public static async Task Ship(ShipOrder command, IEventBus events, CallLog log)
    {
        log.Add($"shipping {command.OrderId:N}");
        await events.PublishAsync(new OrderShipped(command.OrderId));
    }

    [EventHandler]
    public static void OnCancelled(OrderCancelled cancelled, CallLog log) => log.Add($"cancelled {cancelled.OrderId:N}: {cancelled.Reason}");
}

[JsonSerializable(typeof(OrderProcess))]
[JsonSerializable(typeof(ShipOrder))]
[JsonSerializable(typeof(PaymentClockStarted))]
internal partial class OrderProcessJson : JsonSerializerContext;
