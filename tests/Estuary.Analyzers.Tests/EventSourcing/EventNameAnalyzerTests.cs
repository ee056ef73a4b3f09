using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.EventNameAnalyzer>;

namespace Estuary.Analyzers.Tests.EventSourcing;

public sealed class EventNameAnalyzerTests
{
    [Fact]
    public Task Applied_events_without_a_stable_name_are_reported_on_the_apply_methods_parameter_type() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using Estuary;

            namespace Shop.Billing
            {
                public sealed record OpenInvoice(Guid InvoiceId);
                public sealed record InvoiceOpened(Guid InvoiceId);
                [NamedEvent("invoice.paid")] public sealed record InvoicePaid(Guid InvoiceId);
                [MessageName("invoice.cancelled")] public sealed record InvoiceCancelled(Guid InvoiceId);
                public readonly record struct InvoiceNoted(Guid InvoiceId);
                public interface IInvoiceEvent { }
                public abstract record InvoiceChange(Guid InvoiceId);

                [EventSourcingAggregate]
                public sealed class Invoice
                {
                    [Identifier] public Guid InvoiceId { get; set; }

                    [CommandHandler] public static InvoiceOpened Open(OpenInvoice command) => new(command.InvoiceId);

                    [EventSourcingHandler] public void On({|#0:InvoiceOpened|} opened) => InvoiceId = opened.InvoiceId;
                    [EventSourcingHandler] public void On(InvoicePaid paid) { }
                    [EventSourcingHandler] public void On(InvoiceCancelled cancelled) { }
                    [EventSourcingHandler] public void On({|#1:InvoiceNoted|} noted) { }
                    [EventSourcingHandler] public void On(IInvoiceEvent any) { }
                    [EventSourcingHandler] public void On(InvoiceChange change) { }
                }

                /// <summary>The same event applied by a recording-style saga: reported there too.</summary>
                [EventSourcingSaga]
                public sealed class Dunning
                {
                    private readonly List<object> _recorded = [];
                    [Identifier] public Guid InvoiceId { get; set; }
                    [AggregateEvents] public IEnumerable<object> Recorded() => _recorded;
                    [EventHandler] public static Dunning Start(InvoicePaid paid) { var d = new Dunning(); d._recorded.Add(new InvoiceOpened(paid.InvoiceId)); return d; }
                    [EventSourcingHandler] public void On({|#2:InvoiceOpened|} opened) => InvoiceId = opened.InvoiceId;
                }

                /// <summary>Not event-sourced: its events are not stored by name.</summary>
                [Aggregate]
                public sealed class Ledger
                {
                    [Identifier] public Guid InvoiceId { get; set; }
                    [CommandHandler] public InvoiceOpened Open(OpenInvoice command) => new(command.InvoiceId);
                }
            }
            """,
            Warning().WithLocation(0).WithArguments("InvoiceOpened", "Invoice", "Shop.Billing.InvoiceOpened"),
            Warning().WithLocation(1).WithArguments("InvoiceNoted", "Invoice", "Shop.Billing.InvoiceNoted"),
            Warning().WithLocation(2).WithArguments("InvoiceOpened", "Dunning", "Shop.Billing.InvoiceOpened"));

    [Fact]
    public Task Named_events_of_a_pure_aggregate_are_not_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record OpenTicket(Guid TicketId);
            [NamedEvent("ticket.opened")] public sealed record TicketOpened(Guid TicketId);

            [EventSourcingAggregate]
            public sealed class Ticket
            {
                [Identifier] public Guid TicketId { get; set; }
                [CommandHandler] public static TicketOpened Open(OpenTicket command) => new(command.TicketId);
                [EventSourcingHandler] public void On(TicketOpened opened) => TicketId = opened.TicketId;
            }
            """);

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Warning() => VerifyCS.Diagnostic("EST0037").WithSeverity(DiagnosticSeverity.Warning);
}
