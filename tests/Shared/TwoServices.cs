using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;

namespace Estuary.Testing.Processes;

/// <summary>
/// The distributed bus between the fixture services tests/Fixtures/Estuary.Fixtures.OrdersService and
/// ...BillingService, each a process of its own: orders places orders, whose handlers send billing a
/// command each; billing answers each with an event that orders prints as an invoice line.
/// </summary>
internal static class TwoServices
{
    /// <summary>
    /// Runs both services until orders printed an invoice for each of <paramref name="orders"/> orders (90 s at
    /// most); returns the invoice lines, sorted, and how many lines orders printed in all.
    /// </summary>
    public static async Task<(string[] Invoices, int Lines)> RunAsync(
        IReadOnlyDictionary<string, string>? environment, string connectionString, string schema, string billingInbox, int orders)
    {
        using var billing = await ServiceProcess.StartAsync("BillingService", environment, connectionString, schema, billingInbox);
        using var ordering = await ServiceProcess.StartAsync("OrdersService", environment, connectionString, schema, billingInbox, orders.ToString(CultureInfo.InvariantCulture));
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (Invoices(ordering).Length < orders && DateTime.UtcNow < deadline && !ordering.HasExited && !billing.HasExited)
        {
            await Task.Delay(100);
        }

        return (Invoices(ordering), ordering.Lines.Count);
    }

    /// <summary>The invoice lines of every order, sorted: what <see cref="RunAsync"/> returns when each was invoiced once.</summary>
    public static string[] Expected(int orders) =>
        [.. Enumerable.Range(1, orders).Select(i => $"invoice order-{i} INV-order-{i} from billing").Order(StringComparer.Ordinal)];

    private static string[] Invoices(ServiceProcess orders) =>
        [.. orders.Lines.Where(l => l.StartsWith("invoice ", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
