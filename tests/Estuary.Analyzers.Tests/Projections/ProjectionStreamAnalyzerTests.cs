using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.ProjectionStreamAnalyzer>;

namespace Estuary.Analyzers.Tests.Projections;

public sealed class ProjectionStreamAnalyzerTests
{
    private const string Ticket = """
        using System;
        using System.Threading.Tasks;
        using Estuary;

        public sealed record OpenTicket(Guid TicketId);
        public sealed record TicketOpened(Guid TicketId);

        [EventSourcingAggregate]
        [Stream("tickets")]
        public sealed class Ticket
        {
            [Identifier] public Guid TicketId { get; set; }
            [CommandHandler] public static TicketOpened Open(OpenTicket command) => new(command.TicketId);
            [EventSourcingHandler] public void On(TicketOpened opened) => TicketId = opened.TicketId;
        }

        """;

    [Fact]
    public Task A_prefix_no_aggregate_and_no_append_writes_to_is_reported_with_the_prefixes_there_are() =>
        VerifyCS.AnalyzerAsync(
            Ticket + """
            [Projection("board")]
            [FromStream({|#0:"ticket"|})]
            [FromStream("tickets")]
            [FromStream("projection")]
            public static class Board
            {
                [EventHandler] public static void On(TicketOpened opened) { }
            }
            """,
            VerifyCS.Diagnostic("EST0048").WithSeverity(DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Board", "ticket", "'tickets'"));

    [Fact]
    public Task Streams_appended_to_with_a_constant_start_count_as_written() =>
        VerifyCS.AnalyzerAsync(
            Ticket + """
            [Projection("board")]
            [FromStream("archive")]
            [FromStream("audit")]
            [FromStream({|#0:"mail"|})]
            public static class Board
            {
                [EventHandler] public static void On(TicketOpened opened) { }
            }

            public static class Writers
            {
                public static async Task WriteAsync(IEventStore events, EventData data, Guid id)
                {
                    await events.AppendAsync($"archive-{id:N}", ExpectedVersion.Any, [data]);
                    await events.AppendAsync("audit-" + id, ExpectedVersion.Any, [data]);
                }
            }
            """,
            VerifyCS.Diagnostic("EST0048").WithSeverity(DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Board", "mail", "'tickets'"));

    [Fact]
    public Task A_build_without_event_sourced_types_is_not_checked() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record TicketOpened(Guid TicketId);

            [Projection("board")]
            [FromStream("ticket")]
            public static class Board
            {
                [EventHandler] public static void On(TicketOpened opened) { }
            }
            """);

    [Fact]
    public Task A_build_appending_to_a_stream_named_at_run_time_is_not_checked() =>
        VerifyCS.AnalyzerAsync(
            Ticket + """
            [Projection("board")]
            [FromStream("ticket")]
            public static class Board
            {
                [EventHandler] public static void On(TicketOpened opened) { }
            }

            public static class Writer
            {
                public static async Task WriteAsync(IEventStore events, EventData data, string stream) =>
                    await events.AppendAsync(stream, ExpectedVersion.Any, [data]);
            }
            """);
}
