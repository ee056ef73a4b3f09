using System.Threading.Tasks;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.RepositoryMethodAnalyzer>;

namespace Estuary.Analyzers.Tests.Aggregates;

public sealed class RepositoryMethodAnalyzerTests
{
    private const string Order = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Estuary;

        [Aggregate]
        public sealed class Order
        {
            [Identifier] public Guid OrderId { get; set; }
        }

        """;

    [Fact]
    public Task Get_find_and_save_shapes_are_not_reported() =>
        VerifyCS.AnalyzerAsync(Order + """
            public interface IOrders
            {
                [Repository] Task<Order> GetAsync(Guid orderId, CancellationToken cancellationToken = default);
                [Repository] ValueTask<Order?> FindAsync(Guid orderId);
                [Repository] Task SaveAsync(Order order, CancellationToken cancellationToken);
            }
            """);

    [Fact]
    public Task Wrong_identifier_count_and_a_non_aggregate_result_are_reported() =>
        VerifyCS.AnalyzerAsync(
            Order + """
            public interface IOrders
            {
                [Repository] Task<Order> {|#0:GetAsync|}(Guid orderId, string tenant);
                [Repository] Task<string> {|#1:NameAsync|}(Guid orderId);
            }
            """,
            VerifyCS.Diagnostic("EST0034").WithLocation(0).WithArguments("IOrders.GetAsync", "it must take one parameter per [Identifier] of Order (1), in their order, and optionally a CancellationToken last"),
            VerifyCS.Diagnostic("EST0034").WithLocation(1).WithArguments("IOrders.NameAsync", "return Task<TAggregate> (get), Task<TAggregate?> (find) taking the identifiers, or Task taking the aggregate (save), where TAggregate is an [Aggregate] or [Saga]"));

    [Fact]
    public Task A_valid_method_in_an_interface_with_other_members_is_reported() =>
        VerifyCS.AnalyzerAsync(
            Order + """
            public interface IOrders
            {
                [Repository] Task<Order> {|#0:GetAsync|}(Guid orderId);
                int Count();
            }
            """,
            VerifyCS.Diagnostic("EST0034").WithLocation(0).WithArguments("IOrders.GetAsync", "its interface is implemented whole or not at all, and 'Count' is not a [Repository] method Estuary can implement; move it to another interface"));

    [Fact]
    public Task Event_sourced_aggregates_can_be_got_and_found_but_not_saved() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using System.Threading.Tasks;
            using Estuary;

            [NamedEvent("ticket.opened")] public sealed record TicketOpened(Guid TicketId);

            [EventSourcingAggregate]
            public sealed class Ticket
            {
                [Identifier] public Guid TicketId { get; set; }
                [EventSourcingHandler] public void On(TicketOpened opened) => TicketId = opened.TicketId;
            }

            public interface ITicketViews
            {
                [Repository] Task<Ticket> GetAsync(Guid ticketId);
                [Repository] Task<Ticket?> FindAsync(Guid ticketId);
            }

            public interface ITickets
            {
                [Repository] Task {|#0:SaveAsync|}(Ticket ticket);
            }
            """,
            VerifyCS.Diagnostic("EST0034").WithLocation(0).WithArguments(
                "ITickets.SaveAsync",
                "Ticket is event-sourced: its state changes only by appending events, which a saved instance does not carry; send it a command, or append with EventSourcedRepository<Ticket>.AppendAsync (get and find methods work)"));
}
