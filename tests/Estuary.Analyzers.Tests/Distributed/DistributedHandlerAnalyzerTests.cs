using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.DistributedHandlerAnalyzer>;

namespace Estuary.Analyzers.Tests.Distributed;

public sealed class DistributedHandlerAnalyzerTests
{
    private const string Types = """
        using System;
        using Estuary;

        public sealed record CreateInvoice(string OrderId);
        public sealed record InvoiceCreated(string OrderId);
        public sealed record FindInvoice(string OrderId);
        public sealed record TicketOpened(Guid TicketId);

        """;

    [Fact]
    public Task Distributed_command_and_event_handlers_are_fine() =>
        VerifyCS.AnalyzerAsync(
            Types + """
            public sealed class BillingHandler
            {
                [Distributed]
                [CommandHandler("billing.create-invoice")]
                public void Create(CreateInvoice command) { }

                [Distributed]
                [EventHandler("orders.*")]
                public void OnOrders(InvoiceCreated created) { }

                [Distributed]
                [EventHandler]
                public void OnCreated(InvoiceCreated created) { }
            }
            """);

    [Fact]
    public Task Distributed_on_a_query_handler_a_projection_handler_or_a_plain_method_is_an_error() =>
        VerifyCS.AnalyzerAsync(
            Types + """
            public sealed class BillingHandler
            {
                [{|#0:Distributed|}]
                [QueryHandler("billing.find")]
                public string Find(FindInvoice query) => query.OrderId;

                [{|#1:Distributed|}]
                public void Helper() { }
            }

            [Projection("tickets")]
            [FromStream("tickets")]
            public static class Tickets
            {
                [EventHandler]
                [{|#2:Distributed|}]
                public static void On(TicketOpened opened) { }
            }
            """,
            VerifyCS.Diagnostic("EST0050").WithSeverity(DiagnosticSeverity.Error).WithLocation(0).WithArguments("BillingHandler.Find"),
            VerifyCS.Diagnostic("EST0050").WithSeverity(DiagnosticSeverity.Error).WithLocation(1).WithArguments("BillingHandler.Helper"),
            VerifyCS.Diagnostic("EST0050").WithSeverity(DiagnosticSeverity.Error).WithLocation(2).WithArguments("Tickets.On"));

    [Fact]
    public Task A_distributed_command_handler_without_a_routing_key_is_an_error() =>
        VerifyCS.AnalyzerAsync(
            Types + """
            public sealed class BillingHandler
            {
                [Distributed]
                [{|#0:CommandHandler|}]
                public void Create(CreateInvoice command) { }
            }
            """,
            VerifyCS.Diagnostic("EST0051").WithSeverity(DiagnosticSeverity.Error).WithLocation(0).WithArguments("BillingHandler.Create", "billing.create"));
}
