using System.Threading.Tasks;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.EventSourcedAggregateAnalyzer>;

namespace Estuary.Analyzers.Tests.Aggregates;

/// <summary>
/// EST0035, and a valid event-sourced aggregate (pure and recording style) and saga giving no
/// aggregate or event-sourcing diagnostic at all.
/// </summary>
public sealed class EventSourcedAggregateAnalyzerTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json.Nodes;
        using Estuary;

        public sealed record OpenInvoice(Guid InvoiceId, decimal Amount);
        public sealed record PayInvoice(Guid InvoiceId, decimal Amount);
        public sealed record CancelInvoice(Guid InvoiceId);
        public sealed record GetBalance(Guid InvoiceId);
        [NamedEvent("invoice.opened")] public sealed record InvoiceOpened(Guid InvoiceId, decimal Amount);
        [NamedEvent("invoice.paid"), Revision(2)] public sealed record InvoicePaid(Guid InvoiceId, decimal Amount);
        [NamedEvent("invoice.cancelled")] public sealed record InvoiceCancelled(Guid InvoiceId);
        public sealed record CreateWallet(string WalletId);
        public sealed record Deposit(string WalletId, decimal Amount);
        [MessageName("wallet.created")] public sealed record WalletCreated(string WalletId);
        [NamedEvent("wallet.deposited")] public sealed record Deposited(string WalletId, decimal Amount);
        public sealed record ParcelHandedOver(string Tracking);
        public sealed record ParcelDelivered(string Tracking);
        [NamedEvent("shipment.started")] public sealed record ShipmentStarted(string Tracking);
        [NamedEvent("shipment.completed")] public sealed record ShipmentCompleted(string Tracking);

        [EventSourcingAggregate(SnapshotEvery = 10, Table = "invoices")]
        [AggregateType("invoice")]
        public sealed class Invoice
        {
            [Identifier] public Guid InvoiceId { get; set; }
            [AggregateVersion] public long Version { get; set; }
            public decimal Due { get; set; }

            [CommandHandler] public static InvoiceOpened Open(OpenInvoice command) => new(command.InvoiceId, command.Amount);
            [CommandHandler] public IEnumerable<object> Pay(PayInvoice command) { yield return new InvoicePaid(InvoiceId, command.Amount); }
            [CommandHandler] public object[] Cancel(CancelInvoice command) => Due == 0 ? [] : [new InvoiceCancelled(InvoiceId)];
            [QueryHandler] public decimal Balance(GetBalance query) => Due;
            [EventSourcingHandler] public void On(InvoiceOpened opened) { InvoiceId = opened.InvoiceId; Due = opened.Amount; }
            [EventSourcingHandler] public void On(InvoicePaid paid) => Due -= paid.Amount;
            [EventSourcingHandler] internal void On(InvoiceCancelled cancelled) => Due = 0;
        }

        public static class InvoiceUpcasters
        {
            [Upcaster(typeof(InvoicePaid), 1)]
            public static JsonObject AmountAdded(JsonObject json) { json["Amount"] = 0; return json; }
        }

        [EventSourcingAggregate]
        public sealed class Wallet
        {
            private readonly List<object> _recorded = [];
            [Identifier] public string WalletId { get; set; } = "";
            public decimal Balance { get; set; }
            [AggregateEvents] public IEnumerable<object> Recorded() => _recorded;
            [CommandHandler] public static Wallet Create(CreateWallet command) { var w = new Wallet(); w._recorded.Add(new WalletCreated(command.WalletId)); return w; }
            [CommandHandler] public decimal Deposit(Deposit command) { _recorded.Add(new Deposited(WalletId, command.Amount)); return Balance + command.Amount; }
            [EventSourcingHandler] public void On(WalletCreated created) => WalletId = created.WalletId;
            [EventSourcingHandler] public void On(Deposited deposited) => Balance += deposited.Amount;
        }

        [EventSourcingSaga]
        public sealed class Shipment
        {
            [Identifier] public string Tracking { get; set; } = "";
            public bool Done { get; set; }
            [EventHandler] public static ShipmentStarted Start(ParcelHandedOver handedOver) => new(handedOver.Tracking);
            [EventHandler] public ShipmentCompleted OnDelivered(ParcelDelivered delivered) => new(Tracking);
            [EventSourcingHandler] public void On(ShipmentStarted started) => Tracking = started.Tracking;
            [EventSourcingHandler] public void On(ShipmentCompleted completed) => Done = true;
        }
        """;

    [Fact]
    public Task Handler_analyzer_reports_nothing() => Verify<AggregateHandlerAnalyzer>.AnalyzerAsync(Source);

    [Fact]
    public Task Member_analyzer_reports_nothing() => Verify<AggregateMemberAnalyzer>.AnalyzerAsync(Source);

    [Fact]
    public Task Mapping_analyzer_reports_nothing() => Verify<IdentifierMappingAnalyzer>.AnalyzerAsync(Source);

    [Fact]
    public Task Load_or_create_analyzer_reports_nothing() => Verify<LoadOrCreateAnalyzer>.AnalyzerAsync(Source);

    [Fact]
    public Task Duplicate_analyzer_reports_nothing() => Verify<DuplicateHandlerAnalyzer>.AnalyzerAsync(Source);

    [Fact]
    public Task Event_sourced_analyzer_reports_nothing() => VerifyCS.AnalyzerAsync(Source);

    [Fact]
    public Task Unapplied_event_analyzer_reports_nothing() => Verify<UnappliedEventAnalyzer>.AnalyzerAsync(Source);

    [Fact]
    public Task Event_name_analyzer_reports_nothing() => Verify<EventNameAnalyzer>.AnalyzerAsync(Source);

    [Fact]
    public Task Upcaster_analyzer_reports_nothing() => Verify<UpcasterAnalyzer>.AnalyzerAsync(Source);

    [Fact]
    public Task Missing_constructor_and_apply_method_taking_a_service_are_reported_once_on_the_class_and_the_method() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using Estuary;

            public sealed record OpenInvoice(Guid InvoiceId);
            public sealed record PayInvoice(Guid InvoiceId);
            [NamedEvent("invoice.opened")] public sealed record InvoiceOpened(Guid InvoiceId);
            [NamedEvent("invoice.paid")] public sealed record InvoicePaid(Guid InvoiceId);
            public interface IClock { DateTime Now { get; } }

            [EventSourcingAggregate]
            public sealed class {|#0:Invoice|}
            {
                public Invoice(Guid id) => InvoiceId = id;

                [Identifier] public Guid InvoiceId { get; set; }

                [CommandHandler] public static InvoiceOpened Open(OpenInvoice command) => new(command.InvoiceId);
                [CommandHandler] public IEnumerable<object> Pay(PayInvoice command) { yield return new InvoicePaid(InvoiceId); }
                [EventSourcingHandler] public void On(InvoiceOpened opened) => InvoiceId = opened.InvoiceId;
                [EventSourcingHandler] public void {|#1:On|}(InvoicePaid paid, IClock clock) { }
            }
            """,
            VerifyCS.Diagnostic("EST0035").WithLocation(0).WithArguments(
                "Event-sourced aggregate Invoice",
                "it has no public or internal parameterless constructor, and loading creates an empty instance with new Invoice() to replay the stream's events into; add one (it may be empty and internal)"),
            VerifyCS.Diagnostic("EST0035").WithLocation(1).WithArguments(
                "Event-sourced aggregate Invoice",
                "its [EventSourcingHandler] On takes 2 parameters, but an apply method takes only the event: it runs again every time the aggregate is loaded, so it must not use services or have any other side effect; declare it as void On(InvoicePaid paid) and move the rest to a handler"));

    [Fact]
    public Task A_table_name_that_cannot_name_an_events_table_is_reported_on_the_class_and_not_by_the_handler_analyzer() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record OpenInvoice(Guid InvoiceId);
            [NamedEvent("invoice.opened")] public sealed record InvoiceOpened(Guid InvoiceId);

            [EventSourcingAggregate(Table = "Invoice-Lines")]
            public sealed class {|#0:Invoice|}
            {
                [Identifier] public Guid InvoiceId { get; set; }
                [CommandHandler] public static InvoiceOpened Open(OpenInvoice command) => new(command.InvoiceId);
                [EventSourcingHandler] public void On(InvoiceOpened opened) => InvoiceId = opened.InvoiceId;
            }
            """,
            VerifyCS.Diagnostic("EST0035").WithLocation(0).WithArguments(
                "Event-sourced aggregate Invoice",
                "its Table \"Invoice-Lines\" cannot name an events table; use lower-case letters, digits and underscores, starting with a letter, at most 30 characters, not ending in event_id, transaction_position or stream_version (the table is events_{name})"));

    [Fact]
    public Task The_handler_analyzer_leaves_an_invalid_table_name_to_EST0035() =>
        Verify<AggregateHandlerAnalyzer>.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record OpenInvoice(Guid InvoiceId);
            [NamedEvent("invoice.opened")] public sealed record InvoiceOpened(Guid InvoiceId);

            [EventSourcingAggregate(Table = "1st")]
            public sealed class Invoice
            {
                [Identifier] public Guid InvoiceId { get; set; }
                [CommandHandler] public static InvoiceOpened Open(OpenInvoice command) => new(command.InvoiceId);
                [EventSourcingHandler] public void On(InvoiceOpened opened) => InvoiceId = opened.InvoiceId;
            }
            """);

    [Fact]
    public Task An_apply_method_of_a_base_class_taking_a_service_is_reported_on_that_method() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record Open(Guid AccountId);
            [NamedEvent("account.opened")] public sealed record Opened(Guid AccountId);
            public interface IClock { DateTime Now { get; } }

            public abstract class Account
            {
                [Identifier] public Guid AccountId { get; set; }
                [EventSourcingHandler] public void {|#0:On|}(Opened opened, IClock clock) => AccountId = opened.AccountId;
            }

            [EventSourcingAggregate]
            public sealed class Savings : Account
            {
                [CommandHandler] public static Opened Start(Open command) => new(command.AccountId);
            }
            """,
            VerifyCS.Diagnostic("EST0035").WithLocation(0).WithArguments(
                "Event-sourced aggregate Savings",
                "its [EventSourcingHandler] On takes 2 parameters, but an apply method takes only the event: it runs again every time the aggregate is loaded, so it must not use services or have any other side effect; declare it as void On(Opened opened) and move the rest to a handler"));

    [Fact]
    public Task The_aggregate_handler_analyzer_leaves_event_sourced_problems_to_EST0035() =>
        Verify<AggregateHandlerAnalyzer>.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record OpenInvoice(Guid InvoiceId);
            public sealed record InvoiceOpened(Guid InvoiceId);

            [EventSourcingAggregate]
            public abstract class Invoice
            {
                [Identifier] public Guid InvoiceId { get; set; }
                [CommandHandler] public static void Open(OpenInvoice command) { }
                [EventSourcingHandler] public int On(InvoiceOpened opened) => 0;
            }

            [EventSourcingAggregate]
            public sealed class Bill
            {
                [Identifier] public Guid InvoiceId { get; set; }
                [CommandHandler] public static void Open(OpenInvoice command) { }
            }
            """);

    [Fact]
    public Task Abstract_aggregates_and_apply_methods_the_switch_cannot_call_are_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record OpenInvoice(Guid InvoiceId);
            public sealed record InvoiceOpened(Guid InvoiceId);
            public sealed record InvoicePaid(Guid InvoiceId);
            public sealed record InvoiceCancelled(Guid InvoiceId);
            public sealed record InvoiceArchived(Guid InvoiceId);
            public sealed record InvoiceReopened(Guid InvoiceId);

            [EventSourcingAggregate]
            public abstract class {|#0:Invoice|}
            {
                [Identifier] public Guid InvoiceId { get; set; }
                [CommandHandler] public static InvoiceOpened Open(OpenInvoice command) => new(command.InvoiceId);
                [EventSourcingHandler] public static void {|#1:On|}(InvoiceOpened opened) { }
                [EventSourcingHandler] public int {|#2:On|}(InvoicePaid paid) => 0;
                [EventSourcingHandler] public void {|#3:On|}<T>(T cancelled) { }
                [EventSourcingHandler] private void {|#4:On|}(InvoiceArchived archived) { }
                [EventSourcingHandler] public void {|#5:Reopen|}() { }
            }
            """,
            VerifyCS.Diagnostic("EST0035").WithLocation(0).WithArguments(
                "Event-sourced aggregate Invoice",
                "it is abstract, and loading creates an instance to replay the stream's events into; make it a concrete class, or mark a concrete class derived from it instead"),
            VerifyCS.Diagnostic("EST0035").WithLocation(1).WithArguments(
                "Event-sourced aggregate Invoice",
                "its [EventSourcingHandler] On is static, but it applies an event to the instance it is called on; declare it as an instance method, void On(InvoiceOpened opened)"),
            VerifyCS.Diagnostic("EST0035").WithLocation(2).WithArguments(
                "Event-sourced aggregate Invoice",
                "its [EventSourcingHandler] On returns int, but an apply method only changes the instance; make it return void"),
            VerifyCS.Diagnostic("EST0035").WithLocation(3).WithArguments(
                "Event-sourced aggregate Invoice",
                "its [EventSourcingHandler] On is generic, and the generated apply switch calls each apply method with one event type; declare one per event, void On(TheEvent e)"),
            VerifyCS.Diagnostic("EST0035").WithLocation(4).WithArguments(
                "Event-sourced aggregate Invoice",
                "its [EventSourcingHandler] On is private, so the generated apply switch cannot call it; make it public or internal"),
            VerifyCS.Diagnostic("EST0035").WithLocation(5).WithArguments(
                "Event-sourced aggregate Invoice",
                "its [EventSourcingHandler] Reopen takes no event; declare it as void Reopen(TheEvent e) with the event it applies"));

    [Fact]
    public Task Static_handlers_that_yield_no_first_events_are_reported_in_pure_and_recording_style() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using System.Threading.Tasks;
            using Estuary;

            public sealed record OpenInvoice(Guid InvoiceId);
            public sealed record ImportInvoice(Guid InvoiceId);
            public sealed record CreateWallet(string WalletId);
            [NamedEvent("invoice.opened")] public sealed record InvoiceOpened(Guid InvoiceId);
            [NamedEvent("wallet.created")] public sealed record WalletCreated(string WalletId);

            [EventSourcingAggregate]
            public sealed class Invoice
            {
                [Identifier] public Guid InvoiceId { get; set; }
                [CommandHandler] public static void {|#0:Open|}(OpenInvoice command) { }
                [CommandHandler] public static Task {|#1:Import|}(ImportInvoice command) => Task.CompletedTask;
                [EventSourcingHandler] public void On(InvoiceOpened opened) => InvoiceId = opened.InvoiceId;
            }

            [EventSourcingSaga]
            public sealed class Wallet
            {
                [Identifier] public string WalletId { get; set; } = "";
                [EventHandler] public static Wallet {|#2:Create|}(CreateWallet command) => new();
                [EventSourcingHandler] public void On(WalletCreated created) => WalletId = created.WalletId;
            }
            """,
            VerifyCS.Diagnostic("EST0035").WithLocation(0).WithArguments(
                "Invoice.Open on event-sourced aggregate Invoice",
                "a static handler starts the aggregate's stream with the events it returns, and it returns none; return the first event, or a sequence of events (directly or in a Task or ValueTask)"),
            VerifyCS.Diagnostic("EST0035").WithLocation(1).WithArguments(
                "Invoice.Import on event-sourced aggregate Invoice",
                "a static handler starts the aggregate's stream with the events it returns, and it returns none; return the first event, or a sequence of events (directly or in a Task or ValueTask)"),
            VerifyCS.Diagnostic("EST0035").WithLocation(2).WithArguments(
                "Wallet.Create on event-sourced saga Wallet",
                "it returns a new Wallet, but Wallet has no [AggregateEvents] method to read the events it recorded; return the first events instead, or add an [AggregateEvents] method returning the events the instance records"));
}
