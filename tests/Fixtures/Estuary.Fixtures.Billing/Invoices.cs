using System.Collections.Concurrent;
using System.Threading.Tasks;
using Estuary;

// The module is named explicitly: the generated class is BillingModule, not the assembly's last segment.
[assembly: EstuaryModule("Billing")]

namespace Estuary.Fixtures.Billing;

public sealed record PayInvoice(string InvoiceId, decimal Amount);

/// <summary>Declared and published here; other modules subscribe to it.</summary>
public sealed record InvoicePaid(string InvoiceId, decimal Amount);

public sealed record GetPaidTotal;

/// <summary>What Billing did, for tests to read. The host registers it.</summary>
public sealed class BillingLedger
{
    private readonly ConcurrentQueue<PayInvoice> _payments = new();

    public PayInvoice[] Payments => _payments.ToArray();

    public void Record(PayInvoice payment) => _payments.Enqueue(payment);
}

public sealed class InvoiceHandlers(BillingLedger ledger, IEventBus events)
{
    [CommandHandler]
    public async Task PayAsync(PayInvoice command)
    {
        ledger.Record(command);
        await events.PublishAsync(new InvoicePaid(command.InvoiceId, command.Amount));
    }

    [QueryHandler]
    public decimal GetPaidTotal(GetPaidTotal query)
    {
        var total = 0m;
        foreach (var payment in ledger.Payments)
        {
            total += payment.Amount;
        }

        return total;
    }
}
