using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.ImplicitEndpointIdAnalyzer>;

namespace Estuary.Analyzers.Tests.Asynchronous;

public sealed class ImplicitEndpointIdAnalyzerTests
{
    [Fact]
    public Task Asynchronous_handlers_without_an_EndpointId_are_reported_with_their_default_id() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            namespace Shop.Orders
            {
                public sealed record PlaceOrder(int Id);
                public sealed record OrderPlaced(int Id);

                public static class Handlers
                {
                    [Asynchronous("orders")]
                    [{|#0:CommandHandler|}]
                    public static void Place(PlaceOrder command) { }

                    public static class Audit
                    {
                        [Asynchronous("audit")]
                        [{|#1:EventHandler(EndpointId = null)|}]
                        public static void Record(OrderPlaced placed) { }
                    }
                }
            }
            """,
            Info().WithLocation(0).WithArguments("Handlers.Place", "Shop.Orders.Handlers.Place", "CommandHandler"),
            Info().WithLocation(1).WithArguments("Audit.Record", "Shop.Orders.Handlers.Audit.Record", "EventHandler"));

    [Fact]
    public Task Explicit_ids_and_synchronous_handlers_are_not_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public sealed record PlaceOrder(int Id);
            public sealed record OrderPlaced(int Id);

            public static class Orders
            {
                [Asynchronous("orders")]
                [CommandHandler(EndpointId = "orders.place")]
                public static void Place(PlaceOrder command) { }

                [EventHandler]
                public static void Audit(OrderPlaced placed) { }
            }
            """);

    [Fact]
    public Task The_handlers_of_a_triggered_projection_are_not_asynchronous_handlers() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            [NamedEvent("order.placed")] public sealed record OrderPlaced(int Id);

            [Projection("orders_by_day")]
            [FromStream("orders")]
            [Asynchronous("projections")]
            public static class OrdersByDay
            {
                [EventHandler]
                public static void On(OrderPlaced placed) { }
            }
            """);

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Info() => VerifyCS.Diagnostic("EST0023").WithSeverity(DiagnosticSeverity.Info);
}
