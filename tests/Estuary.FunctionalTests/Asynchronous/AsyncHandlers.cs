using System;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.FunctionalTests.Asynchronous;

public sealed record ReserveStock(string OrderId, int Quantity);

public sealed record StockReserved(string OrderId);

[MessageName("async.payment-received")]
public sealed record PaymentReceived(string OrderId, Payment Payment);

public sealed record Payment(string Id, decimal Amount);

public sealed record SendReminder(string Customer);

public sealed record ShowBanner(string Text);

public sealed record AuditTrail(string Entry);

public sealed record SyncOnly(string Text);

[JsonSerializable(typeof(ReserveStock))]
[JsonSerializable(typeof(StockReserved))]
[JsonSerializable(typeof(PaymentReceived))]
[JsonSerializable(typeof(SendReminder))]
[JsonSerializable(typeof(ShowBanner))]
[JsonSerializable(typeof(AuditTrail))]
internal partial class AsyncJson : JsonSerializerContext;

/// <summary>Lets a test make a handler fail until it is "fixed".</summary>
public sealed class Faults
{
    public volatile bool ShippingBroken;

    public volatile bool WarehouseBroken;

    public int ShippingCalls;
}

public sealed class WarehouseHandlers(CallLog log, Faults faults, IEventBus events)
{
    /// <summary>Asynchronous command: publishes an event (held by the unit of work) and may then fail.</summary>
    [Asynchronous(AsyncChannels.Orders)]
    [CommandHandler(EndpointId = "warehouse.reserve")]
    [Retry(Instant = 0, Delayed = 0)]
    public async Task Reserve(ReserveStock command, MessageContext context)
    {
        await events.PublishAsync(new StockReserved(command.OrderId));
        if (faults.WarehouseBroken)
        {
            throw new InvalidOperationException("warehouse offline");
        }

        log.Add($"reserved {command.OrderId} x{command.Quantity} correlation {context.CorrelationId}");
    }
}

/// <summary>Three asynchronous subscribers and one synchronous subscriber of one event.</summary>
public sealed class StockReservedSubscribers(CallLog log, Faults faults)
{
    [Asynchronous(AsyncChannels.Orders)]
    [EventHandler(EndpointId = "stock.invoice")]
    public void Invoice(StockReserved @event) => log.Add($"invoice {@event.OrderId}");

    [Asynchronous(AsyncChannels.Orders)]
    [EventHandler(EndpointId = "stock.ship")]
    [Retry(Instant = 1, Delayed = 2, InitialDelayMilliseconds = 1000, Multiplier = 2)]
    public void Ship(StockReserved @event)
    {
        faults.ShippingCalls++;
        if (faults.ShippingBroken)
        {
            throw new InvalidOperationException("carrier API down");
        }

        log.Add($"ship {@event.OrderId}");
    }

    [Asynchronous(AsyncChannels.Orders)]
    [EventHandler(EndpointId = "stock.notify")]
    public Task Notify(StockReserved @event, MessageContext context)
    {
        log.Add($"notify {@event.OrderId} caused by {context.CausationId is not null}");
        return Task.CompletedTask;
    }

    [EventHandler]
    public void Count(StockReserved @event) => log.Add($"counted {@event.OrderId}");
}

public static class PaymentHandlers
{
    /// <summary>Deduplicated by a member path on the message.</summary>
    [Asynchronous(AsyncChannels.Payments)]
    [EventHandler(EndpointId = "payments.book")]
    [Deduplicated("Payment.Id")]
    public static void Book(PaymentReceived @event, CallLog log) => log.Add($"booked {@event.Payment.Id} {@event.Payment.Amount}");
}

public static class ReminderHandlers
{
    [Asynchronous(AsyncChannels.Reminders)]
    [CommandHandler(EndpointId = "reminders.send")]
    [Delayed(60_000)]
    public static void Send(SendReminder command, CallLog log) => log.Add($"reminded {command.Customer}");

    [Asynchronous(AsyncChannels.Reminders)]
    [CommandHandler(EndpointId = "reminders.banner")]
    [TimeToLive(5_000)]
    public static void Banner(ShowBanner command, CallLog log) => log.Add($"banner {command.Text}");

    /// <summary>Needs a header: a message without it is unusable input.</summary>
    [Asynchronous(AsyncChannels.Reminders)]
    [CommandHandler(EndpointId = "reminders.audit")]
    public static void Audit(AuditTrail command, [Header("user")] string user, CallLog log) => log.Add($"audit {command.Entry} by {user}");
}

public static class AsyncChannels
{
    public const string Orders = "async-orders";
    public const string Payments = "async-payments";
    public const string Reminders = "async-reminders";
    public const string Slow = "async-slow";
    public const string Sagas = "async-sagas";
    public const string Projections = "async-projections";
    public const string Imports = "async-imports";

    /// <summary>Declares the channels every host composing the functional tests' module needs.</summary>
    public static EstuaryBuilder AddTestChannels(this EstuaryBuilder estuary, Action<Channels.ConsumerSettings>? orders = null) => estuary
        .AddInMemoryChannel(Orders, orders)
        .AddInMemoryChannel(Payments)
        .AddInMemoryChannel(Reminders)
        .AddInMemoryChannel(Slow)
        .AddInMemoryChannel(Sagas)
        .AddInMemoryChannel(Projections)
        .AddInMemoryChannel(Imports, static consumer => consumer.Retry = RetryPolicy.None);
}

public sealed record RecordVisit(string Page);

[JsonSerializable(typeof(RecordVisit))]
internal partial class BusJson : JsonSerializerContext;

/// <summary>An asynchronous bus: everything sent through it is handled by the consumer of its channel.</summary>
[Asynchronous(AsyncChannels.Payments)]
public interface IOutboxBus : ICommandBus, IEventBus;

public static class VisitHandlers
{
    [CommandHandler(EndpointId = "visits.record")]
    public static void Record(RecordVisit command, CallLog log) => log.Add($"visit {command.Page}");
}

public sealed record SlowJob(string Id);

[JsonSerializable(typeof(SlowJob))]
internal partial class SlowJson : JsonSerializerContext;

/// <summary>Lets a test hold a handler in the middle of its work.</summary>
public sealed class Gate
{
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

public static class SlowHandlers
{
    [Asynchronous(AsyncChannels.Slow)]
    [CommandHandler(EndpointId = "slow.run")]
    [Retry(Instant = 0, Delayed = 0)]
    public static async Task Run(SlowJob job, Gate gate, CallLog log, CancellationToken token)
    {
        gate.Entered.TrySetResult();
        await gate.Release.Task.WaitAsync(token);
        log.Add($"finished {job.Id}");
    }
}
