using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.UnappliedEventAnalyzer>;

namespace Estuary.Analyzers.Tests.EventSourcing;

public sealed class UnappliedEventAnalyzerTests
{
    [Fact]
    public Task Pure_style_events_returned_without_an_apply_method_are_reported_where_they_are_created() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using Estuary;

            public sealed record OpenTicket(Guid TicketId);
            public sealed record AssignTicket(Guid TicketId, string Assignee);
            public sealed record CloseTicket(Guid TicketId);
            public sealed record EscalateTicket(Guid TicketId, int Level);
            public sealed record GetTicket(Guid TicketId);
            public sealed record TicketOpened(Guid TicketId);
            public sealed record TicketAssigned(Guid TicketId, string Assignee);
            public sealed record TicketNoted(Guid TicketId);
            public sealed record TicketClosed(Guid TicketId);
            public sealed record TicketReopened(Guid TicketId);
            public sealed record TicketEscalated(Guid TicketId);
            public sealed record TicketPaged(Guid TicketId);
            public sealed record Answer(string Text);

            [EventSourcingAggregate]
            public sealed class Ticket
            {
                [Identifier] public Guid TicketId { get; set; }
                public bool Closed { get; set; }

                [CommandHandler]
                public static TicketOpened Open(OpenTicket command) => {|#0:new(command.TicketId)|};

                [CommandHandler]
                public IEnumerable<object> Assign(AssignTicket command)
                {
                    yield return new TicketAssigned(TicketId, command.Assignee);
                    yield return {|#1:new TicketNoted(TicketId)|};
                }

                [CommandHandler]
                public object[] Close(CloseTicket command) => Closed ? [{|#2:new TicketReopened(TicketId)|}] : [{|#3:new TicketClosed(TicketId)|}];

                [CommandHandler]
                public IReadOnlyList<object> Escalate(EscalateTicket command)
                {
                    if (command.Level > 2)
                    {
                        return new List<object> { {|#4:new TicketPaged(TicketId)|} };
                    }

                    return command.Level switch
                    {
                        0 => [],
                        _ => new object[] { {|#5:new TicketEscalated(TicketId)|} },
                    };
                }

                [QueryHandler]
                public Answer Describe(GetTicket query) => new Answer("not an event");

                [EventSourcingHandler] public void On(TicketAssigned assigned) { }
            }
            """,
            Info().WithLocation(0).WithArguments("Ticket.Open", "TicketOpened", "Ticket"),
            Info().WithLocation(1).WithArguments("Ticket.Assign", "TicketNoted", "Ticket"),
            Info().WithLocation(2).WithArguments("Ticket.Close", "TicketReopened", "Ticket"),
            Info().WithLocation(3).WithArguments("Ticket.Close", "TicketClosed", "Ticket"),
            Info().WithLocation(4).WithArguments("Ticket.Escalate", "TicketPaged", "Ticket"),
            Info().WithLocation(5).WithArguments("Ticket.Escalate", "TicketEscalated", "Ticket"));

    [Fact]
    public Task Events_applied_by_a_base_class_of_the_aggregate_are_not_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record Open(Guid AccountId);
            public sealed record Rename(Guid AccountId, string Owner);
            [NamedEvent("account.opened")] public sealed record Opened(Guid AccountId);
            [NamedEvent("account.renamed")] public sealed record Renamed(Guid AccountId, string Owner);

            public abstract class Account
            {
                [Identifier] public Guid AccountId { get; set; }
                public string Owner { get; set; } = "";
                [EventSourcingHandler] public void On(Opened opened) => AccountId = opened.AccountId;
                [EventSourcingHandler] public void On(Renamed renamed) => Owner = renamed.Owner;
            }

            [EventSourcingAggregate]
            public sealed class Savings : Account
            {
                [CommandHandler] public static Opened Start(Open command) => new(command.AccountId);
                [CommandHandler] public Renamed Change(Rename command) => new(AccountId, command.Owner);
            }
            """);

    [Fact]
    public Task Events_applied_through_a_base_type_or_interface_and_objects_that_are_not_events_are_not_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using Estuary;

            public interface ITicketEvent { Guid TicketId { get; } }
            public abstract record TicketChange(Guid TicketId);
            public sealed record OpenTicket(Guid TicketId);
            public sealed record NoteTicket(Guid TicketId, string[] Lines);
            public sealed record CloseTicket(Guid TicketId);
            public sealed record TicketOpened(Guid TicketId) : ITicketEvent;
            public sealed record TicketNoted(Guid TicketId, string Line) : TicketChange(TicketId);
            public sealed record TicketClosed(Guid TicketId);

            [EventSourcingAggregate]
            public sealed class Ticket
            {
                [Identifier] public Guid TicketId { get; set; }

                [CommandHandler]
                public static TicketOpened Open(OpenTicket command) => new(command.TicketId);

                [CommandHandler]
                public IEnumerable<object> Note(NoteTicket command)
                {
                    // Built by a lambda and a local function: not what the handler itself returns.
                    Func<object> later = () => new TicketClosed(TicketId);
                    object Helper() { return new TicketClosed(TicketId); }
                    _ = later() ?? Helper();
                    foreach (var line in command.Lines)
                    {
                        yield return new TicketNoted(TicketId, line);
                    }
                }

                [CommandHandler]
                public TicketClosed Close(CloseTicket command) => TicketId == Guid.Empty ? throw new InvalidOperationException("not open") : Closing();

                private TicketClosed Closing() => new(TicketId);

                [EventSourcingHandler] public void On(ITicketEvent opened) => TicketId = opened.TicketId;
                [EventSourcingHandler] public void On(TicketChange change) { }
                [EventSourcingHandler] public void On(TicketClosed closed) { }
            }
            """);

    [Fact]
    public Task Recording_style_events_added_to_the_recorded_list_or_a_record_method_are_checked_and_answers_are_not() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using Estuary;

            public sealed record CreateWallet(string WalletId);
            public sealed record Deposit(string WalletId, decimal Amount);
            public sealed record Freeze(string WalletId);
            public sealed record WalletCreated(string WalletId);
            public sealed record Deposited(string WalletId, decimal Amount);
            public sealed record DepositFlagged(string WalletId);
            public sealed record WalletFrozen(string WalletId);
            public sealed record Receipt(decimal Balance);
            public sealed record Line(decimal Amount);

            [EventSourcingAggregate]
            public sealed class Wallet
            {
                private readonly List<object> _recorded = [];
                private readonly List<Line> _lines = [];

                [Identifier] public string WalletId { get; set; } = "";
                public decimal Balance { get; set; }

                [AggregateEvents] public IEnumerable<object> Recorded() => _recorded;

                [CommandHandler]
                public static Wallet Create(CreateWallet command)
                {
                    var wallet = new Wallet();
                    wallet._recorded.Add(new WalletCreated(command.WalletId));
                    return wallet;
                }

                [CommandHandler]
                public Receipt Deposit(Deposit command)
                {
                    _lines.Add(new Line(command.Amount));
                    _recorded.Add(new Deposited(WalletId, command.Amount));
                    if (command.Amount > 10_000)
                    {
                        _recorded.Add({|#0:new DepositFlagged(WalletId)|});
                    }

                    return new Receipt(Balance + command.Amount);
                }

                [EventSourcingHandler] public void On(WalletCreated created) => WalletId = created.WalletId;
                [EventSourcingHandler] public void On(Deposited deposited) => Balance += deposited.Amount;
            }

            public abstract class RecordingAggregate
            {
                private readonly List<object> _recorded = [];
                [AggregateEvents] public IEnumerable<object> Recorded() => _recorded;
                protected void RecordThat(object @event) => _recorded.Add(@event);
            }

            [EventSourcingAggregate]
            public sealed class Account : RecordingAggregate
            {
                [Identifier] public string WalletId { get; set; } = "";
                public bool Frozen { get; set; }

                [CommandHandler]
                public static Account Create(CreateWallet command)
                {
                    var account = new Account();
                    account.RecordThat(new WalletCreated(command.WalletId));
                    return account;
                }

                [CommandHandler]
                public bool Freeze(Freeze command)
                {
                    RecordThat({|#1:new WalletFrozen(WalletId)|});
                    return !Frozen;
                }

                [EventSourcingHandler] public void On(WalletCreated created) => WalletId = created.WalletId;
            }
            """,
            Info().WithLocation(0).WithArguments("Wallet.Deposit", "DepositFlagged", "Wallet"),
            Info().WithLocation(1).WithArguments("Account.Freeze", "WalletFrozen", "Account"));

    [Fact]
    public Task Handlers_of_state_stored_aggregates_are_not_checked() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record PlaceOrder(Guid OrderId);
            public sealed record OrderPlaced(Guid OrderId);

            [Aggregate]
            public sealed class Order
            {
                [Identifier] public Guid OrderId { get; set; }

                [CommandHandler]
                public OrderPlaced Place(PlaceOrder command) => new(OrderId);
            }
            """);

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Info() => VerifyCS.Diagnostic("EST0036").WithSeverity(DiagnosticSeverity.Info);
}
