using Xunit;
using static Estuary.Generators.Tests.GeneratorTestHelper;

namespace Estuary.Generators.Tests.Output;

/// <summary>Golden-file tests of what a [Projection] class generates.</summary>
public sealed class ProjectionOutputTests
{
    private const string Source = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Estuary;

        namespace Shop.Reporting;

        [NamedEvent("ticket.opened")]
        public sealed record TicketOpened(Guid TicketId, string Title);

        [NamedEvent("ticket.closed")]
        public sealed record TicketClosed(Guid TicketId);

        public sealed record OpenTicket(Guid TicketId, string Title);

        [EventSourcingAggregate]
        [Stream("tickets")]
        public sealed class Ticket
        {
            [Identifier] public Guid TicketId { get; set; }

            [CommandHandler]
            public static TicketOpened Open(OpenTicket command) => new(command.TicketId, command.Title);

            [EventSourcingHandler] public void On(TicketOpened opened) => TicketId = opened.TicketId;
        }

        public interface ITicketTable
        {
            Task CreateAsync(CancellationToken cancellationToken);
            void Clear();
            void Add(Guid ticketId, string title);
            void Close(Guid ticketId);
        }

        [Projection("open_tickets", BatchSize = 500)]
        [FromAggregateStream(typeof(Ticket))]
        [FromStream("archived-tickets")]
        public sealed class OpenTickets(ITicketTable table)
        {
            [ProjectionInitialization]
            public Task Create(CancellationToken cancellationToken) => table.CreateAsync(cancellationToken);

            [EventHandler]
            public void On(TicketOpened opened) => table.Add(opened.TicketId, opened.Title);

            [EventHandler]
            public void On(TicketClosed closed) => table.Close(closed.TicketId);

            [ProjectionReset]
            public static void Reset(ITicketTable table) => table.Clear();
        }

        public static class TicketMail
        {
            [EventHandler]
            public static void Send(TicketOpened opened) { }
        }
        """;

    [Fact]
    public void A_projection_gets_a_definition_with_its_streams_endpoints_and_hooks_and_the_module_lists_it()
    {
        var output = RunGenerator(Source);

        Baselines.Verify(output);
    }

    [Fact]
    public void The_module_routes_the_event_bus_to_ordinary_subscribers_only_and_registers_the_projection_events()
    {
        var output = RunGenerator(Source);
        var module = output.File("Module.g.cs").Text;

        Assert.Contains("Shop_Reporting_TicketMailEndpoints.Send,", module, System.StringComparison.Ordinal);
        Assert.DoesNotContain("Shop_Reporting_OpenTicketsEndpoints.On,", module, System.StringComparison.Ordinal);
        Assert.Contains("Shop_Reporting_OpenTicketsEndpoints.Projection", module, System.StringComparison.Ordinal);
        Assert.Contains("\"ticket.closed\"", module, System.StringComparison.Ordinal);
    }
}
