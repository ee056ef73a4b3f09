using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.ProjectionHandlerPlacementAnalyzer>;

namespace Estuary.Analyzers.Tests.Projections;

public sealed class ProjectionHandlerPlacementAnalyzerTests
{
    private const string Types = """
        using System;
        using Estuary;

        [NamedEvent("ticket.opened")] public sealed record TicketOpened(Guid TicketId);
        public sealed record TicketStats(int Opened);
        public sealed record CountTickets(int Limit);

        """;

    [Fact]
    public Task A_projection_state_outside_a_projections_event_handler_is_an_error() =>
        VerifyCS.AnalyzerAsync(
            Types + """
            public static class Stats
            {
                [EventHandler]
                public static TicketStats On(TicketOpened opened, [ProjectionState] {|#0:TicketStats|} stats) => stats;

                [CommandHandler]
                public static void Count(CountTickets command, [ProjectionState] {|#1:TicketStats|} stats) { }
            }

            [Projection("ticket_stats")]
            public static class Counted
            {
                [ProjectionInitialization]
                public static void Create([ProjectionState] {|#2:TicketStats|} stats) { }
            }
            """,
            VerifyCS.Diagnostic("EST0044").WithSeverity(DiagnosticSeverity.Error).WithLocation(0).WithArguments("stats", "Stats.On"),
            VerifyCS.Diagnostic("EST0044").WithSeverity(DiagnosticSeverity.Error).WithLocation(1).WithArguments("stats", "Stats.Count"),
            VerifyCS.Diagnostic("EST0044").WithSeverity(DiagnosticSeverity.Error).WithLocation(2).WithArguments("stats", "Counted.Create"));

    [Fact]
    public Task A_stored_event_handler_outside_a_projection_is_a_warning() =>
        VerifyCS.AnalyzerAsync(
            Types + """
            public static class Audit
            {
                [EventHandler]
                public static void On({|#0:RecordedEvent|} recorded) { }
            }
            """,
            VerifyCS.Diagnostic("EST0045").WithSeverity(DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Audit.On"));

    [Fact]
    public Task Delivery_attributes_on_a_projections_event_handler_are_reported_as_ignored() =>
        VerifyCS.AnalyzerAsync(
            Types + """
            [Projection("ticket_stats")]
            [Asynchronous("projections")]
            [Retry(Instant = 1)]
            public static class Counted
            {
                [EventHandler]
                [{|#0:Asynchronous("elsewhere")|}]
                [{|#1:Deduplicated("TicketId")|}]
                public static void On(TicketOpened opened) { }
            }
            """,
            VerifyCS.Diagnostic("EST0046").WithSeverity(DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Asynchronous", "Counted.On"),
            VerifyCS.Diagnostic("EST0046").WithSeverity(DiagnosticSeverity.Warning).WithLocation(1).WithArguments("Deduplicated", "Counted.On"));

    [Fact]
    public Task Projection_handlers_with_state_and_stored_events_are_not_reported() =>
        VerifyCS.AnalyzerAsync(
            Types + """
            [Projection("ticket_stats")]
            public static class Counted
            {
                [EventHandler]
                public static TicketStats On(TicketOpened opened, [ProjectionState] TicketStats stats) => stats with { Opened = stats.Opened + 1 };

                [EventHandler]
                public static void OnStored(RecordedEvent recorded) { }
            }
            """);
}
