using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.ProjectionAnalyzer>;

namespace Estuary.Analyzers.Tests.Projections;

public sealed class ProjectionAnalyzerTests
{
    private const string Events = """
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

        [Aggregate]
        public sealed class Counter
        {
            [Identifier] public Guid CounterId { get; set; }
        }

        """;

    [Fact]
    public Task A_stream_named_after_a_type_that_is_not_event_sourced_is_an_error() =>
        VerifyCS.AnalyzerAsync(
            Events + """
            [Projection("tickets_and_counters")]
            [FromAggregateStream(typeof(Ticket))]
            [FromAggregateStream({|#0:typeof(Counter)|})]
            [FromStream("archived-tickets")]
            public static class Board
            {
                [EventHandler] public static void On(TicketOpened opened) { }
            }
            """,
            VerifyCS.Diagnostic("EST0040").WithSeverity(DiagnosticSeverity.Error).WithLocation(0).WithArguments("Board", "Counter"));

    [Fact]
    public Task A_projection_without_event_handlers_is_a_warning_on_its_attribute() =>
        VerifyCS.AnalyzerAsync(
            Events + """
            [{|#0:Projection("empty")|}]
            [FromAggregateStream(typeof(Ticket))]
            public sealed class Empty
            {
                [ProjectionInitialization] public static void Create() { }
            }
            """,
            VerifyCS.Diagnostic("EST0041").WithSeverity(DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Empty"));

    [Fact]
    public Task A_handler_for_an_event_no_aggregate_it_reads_applies_is_a_warning_unless_a_stream_prefix_may_hold_it() =>
        VerifyCS.AnalyzerAsync(
            Events + """
            public sealed record TicketArchived(Guid TicketId);

            [Projection("board")]
            [FromAggregateStream(typeof(Ticket))]
            public static class Board
            {
                [EventHandler] public static void On(TicketOpened opened) { }
                [EventHandler] public static void On({|#0:TicketArchived|} archived) { }
                [EventHandler] public static void On(object any) { }
                [EventHandler("ticket.reopened")] public static void Reopened() { }
            }

            [Projection("archive")]
            [FromAggregateStream(typeof(Ticket))]
            [FromStream("archived-tickets")]
            public static class Archive
            {
                [EventHandler] public static void On(TicketArchived archived) { }
            }
            """,
            VerifyCS.Diagnostic("EST0042").WithSeverity(DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Board", "TicketArchived", "Ticket"));

    [Fact]
    public Task A_projection_both_synchronous_and_asynchronous_is_an_error_on_its_synchronous_argument() =>
        VerifyCS.AnalyzerAsync(
            Events + """
            [Projection("board", {|#0:Synchronous = true|})]
            [FromAggregateStream(typeof(Ticket))]
            [Asynchronous("projections")]
            public static class Board
            {
                [EventHandler] public static void On(TicketOpened opened) { }
            }
            """,
            VerifyCS.Diagnostic("EST0043").WithSeverity(DiagnosticSeverity.Error).WithLocation(0).WithArguments("Board", "projections"));

    [Fact]
    public Task A_partitioned_projection_with_a_version_above_one_and_a_version_below_one_are_errors_on_their_version() =>
        VerifyCS.AnalyzerAsync(
            Events + """
            [Projection("board", {|#0:Version = 2|}, Partitioned = true)]
            [FromAggregateStream(typeof(Ticket))]
            public static class BoardV2
            {
                [EventHandler] public static void On(TicketOpened opened) { }
            }

            [Projection("tally", {|#1:Version = 0|})]
            [FromAggregateStream(typeof(Ticket))]
            public static class Tally
            {
                [EventHandler] public static void On(TicketOpened opened) { }
            }

            [Projection("list", Version = 2)]
            [FromAggregateStream(typeof(Ticket))]
            public static class ListV2
            {
                [EventHandler] public static void On(TicketOpened opened) { }
            }
            """,
            VerifyCS.Diagnostic("EST0047").WithSeverity(DiagnosticSeverity.Error).WithLocation(0)
                .WithArguments("BoardV2", 2, "versions of a partitioned projection cannot run side by side yet; give the new projection another name and switch readers to it yourself"),
            VerifyCS.Diagnostic("EST0047").WithSeverity(DiagnosticSeverity.Error).WithLocation(1).WithArguments("Tally", 0, "versions start at 1"));

    [Fact]
    public Task A_well_wired_projection_with_raw_and_pattern_handlers_and_ordinary_classes_are_not_reported() =>
        VerifyCS.AnalyzerAsync(
            Events + """
            [Projection("board", Synchronous = true)]
            [FromAggregateStream(typeof(Ticket))]
            public sealed class Board
            {
                [EventHandler] public void On(TicketOpened opened) { }
                [EventHandler] public void OnStored(RecordedEvent recorded) { }
                [EventHandler("ticket.*")] public void OnTicketEvent(MessageContext context) { }
            }

            public static class NotAProjection
            {
                [EventHandler] public static void On(TicketOpened opened) { }
            }
            """);
}
