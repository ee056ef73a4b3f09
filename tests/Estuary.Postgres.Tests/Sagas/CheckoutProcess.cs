using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Estuary.Postgres.Tests.Sagas;

public sealed record CheckoutStarted(Guid CheckoutId, decimal Amount);

public sealed record RequestCheckoutPayment(Guid CheckoutId, decimal Amount);

/// <summary>The saga's own event; its delayed handler is the payment timeout.</summary>
public sealed record CheckoutPaymentDue(Guid CheckoutId);

public sealed record CheckoutPaid(Guid CheckoutId, bool FailAfterSending);

public sealed record ShipCheckout(Guid CheckoutId);

public sealed record CheckoutShipped(Guid CheckoutId);

/// <summary>Handled by the saga synchronously, in the transaction of whoever publishes it.</summary>
public sealed record CheckoutNoted(Guid CheckoutId, string Note);

public sealed record CheckoutNoteRecorded(Guid CheckoutId, long Version);

public sealed record GetCheckoutStatus(Guid CheckoutId);

/// <summary>
/// Asks for payment when a checkout starts, ships once paid, and expires when no payment came within
/// <see cref="PaymentMinutes"/>. Its state-changing handlers are asynchronous, on a Postgres channel:
/// each runs in the transaction of the message it handles.
/// </summary>
[Saga(Name = Collection)]
public sealed class CheckoutProcess
{
    public const string Collection = "checkout-process";
    public const int PaymentMinutes = 10;
    public const string AwaitingPayment = "awaiting payment";

    [Identifier]
    public Guid CheckoutId { get; set; }

    [AggregateVersion]
    public long Version { get; set; }

    public decimal Amount { get; set; }

    public string Status { get; set; } = string.Empty;

    public string? Note { get; set; }

    [SagaCompleted]
    public bool Completed { get; set; }

    private readonly List<object> _recorded = [];

    [AggregateEvents]
    public IEnumerable<object> Recorded() => _recorded;

    [Asynchronous(SagaChannel.Name)]
    [EventHandler(EndpointId = "sagas.checkout.start")]
    public static async Task<CheckoutProcess> Start(CheckoutStarted started, ICommandBus commands)
    {
        await commands.SendAsync(new RequestCheckoutPayment(started.CheckoutId, started.Amount));
        var process = new CheckoutProcess { CheckoutId = started.CheckoutId, Amount = started.Amount, Status = AwaitingPayment };
        process._recorded.Add(new CheckoutPaymentDue(started.CheckoutId));
        return process;
    }

    [Asynchronous(SagaChannel.Name)]
    [EventHandler(EndpointId = "sagas.checkout.paid")]
    public async Task OnPaid(CheckoutPaid paid, ICommandBus commands, SagaProbe probe)
    {
        Status = "shipping";
        await commands.SendAsync(new ShipCheckout(CheckoutId));
        probe.Attempted(CheckoutId);
        if (paid.FailAfterSending)
        {
            throw new InvalidOperationException("failed after sending ShipCheckout");
        }
    }

    [Asynchronous(SagaChannel.Name)]
    [EventHandler(EndpointId = "sagas.checkout.shipped")]
    public void OnShipped(CheckoutShipped shipped)
    {
        Status = "shipped";
        Completed = true;
    }

    // The timeout checks the state when it runs: a checkout paid but not yet shipped is not expired.
    [Asynchronous(SagaChannel.Name)]
    [Delayed(PaymentMinutes * 60_000)]
    [EventHandler(EndpointId = "sagas.checkout.payment-due")]
    public async Task OnPaymentDue(CheckoutPaymentDue due, SagaProbe probe)
    {
        if (Status == AwaitingPayment)
        {
            Status = "expired";
            Completed = true;
            await probe.ObserveAsync("expired", Collection, CheckoutId);
        }
    }

    [EventHandler]
    public void OnNoted(CheckoutNoted noted)
    {
        Note = noted.Note;

        // Version is the loaded one here; the save stores the next.
        _recorded.Add(new CheckoutNoteRecorded(CheckoutId, Version + 1));
    }

    [QueryHandler]
    public string StatusOf(GetCheckoutStatus query) => Status;
}

/// <summary>The other side of the saga's commands; each reports what it saw of the committed saga.</summary>
public static class CheckoutHandlers
{
    [Asynchronous(SagaChannel.Name)]
    [CommandHandler(EndpointId = "sagas.checkout.request-payment")]
    public static Task RequestPayment(RequestCheckoutPayment command, SagaProbe probe) =>
        probe.ObserveAsync("payment requested", CheckoutProcess.Collection, command.CheckoutId);

    [Asynchronous(SagaChannel.Name)]
    [CommandHandler(EndpointId = "sagas.checkout.ship")]
    public static async Task Ship(ShipCheckout command, SagaProbe probe, IEventBus events)
    {
        await probe.ObserveAsync("ship requested", CheckoutProcess.Collection, command.CheckoutId);
        await events.PublishAsync(new CheckoutShipped(command.CheckoutId));
    }

    [Asynchronous(SagaChannel.Name)]
    [EventHandler(EndpointId = "sagas.checkout.note-audit")]
    public static Task AuditNote(CheckoutNoteRecorded recorded, SagaProbe probe) =>
        probe.ObserveAsync("note audited", CheckoutProcess.Collection, recorded.CheckoutId, recorded.Version);
}
