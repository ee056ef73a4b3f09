using System.Threading.Tasks;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.DuplicateEndpointIdAnalyzer>;

namespace Estuary.Analyzers.Tests.Asynchronous;

public sealed class DuplicateEndpointIdAnalyzerTests
{
    [Fact]
    public Task Two_asynchronous_endpoints_with_one_explicit_id_are_reported_on_the_later_id() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public sealed record PlaceOrder(int Id);
            public sealed record OrderPlaced(int Id);

            public static class Orders
            {
                [Asynchronous("orders")]
                [CommandHandler({|#1:EndpointId = "orders.place"|})]
                public static void Place(PlaceOrder command) { }
            }

            public static class Audit
            {
                [Asynchronous("audit")]
                [EventHandler({|#0:EndpointId = "orders.place"|})]
                public static void Record(OrderPlaced placed) { }
            }
            """,
            VerifyCS.Diagnostic("EST0020").WithLocation(0).WithLocation(1).WithArguments("orders.place", "Audit.Record", "Orders.Place", "give Audit.Record another EndpointId"));

    [Fact]
    public Task Asynchronous_overloads_share_their_default_id_and_are_told_apart_by_message() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            namespace Shop
            {
                public sealed record OrderPlaced(int Id);
                public sealed record OrderCancelled(int Id);

                [Asynchronous("audit")]
                public sealed class Audit
                {
                    [EventHandler]
                    public void {|#1:Record|}(OrderPlaced placed) { }

                    [EventHandler]
                    public void {|#0:Record|}(OrderCancelled cancelled) { }
                }
            }
            """,
            VerifyCS.Diagnostic("EST0020").WithLocation(0).WithLocation(1).WithArguments(
                "Shop.Audit.Record",
                "Audit.Record(OrderCancelled)",
                "Audit.Record(OrderPlaced)",
                "give Audit.Record(OrderCancelled) an explicit EndpointId"));

    [Fact]
    public Task Each_endpoint_beyond_the_first_is_reported_naming_the_first() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public sealed record OrderPlaced(int Id);

            [Asynchronous("audit")]
            public static class Audit
            {
                [EventHandler({|#2:EndpointId = "audit"|})]
                public static void Record(OrderPlaced placed) { }

                [EventHandler({|#0:EndpointId = "audit"|})]
                public static void Mirror(OrderPlaced placed) { }

                [EventHandler({|#1:EndpointId = "audit"|})]
                public static void Archive(OrderPlaced placed) { }
            }
            """,
            VerifyCS.Diagnostic("EST0020").WithLocation(0).WithLocation(2).WithArguments("audit", "Audit.Mirror", "Audit.Record", "give Audit.Mirror another EndpointId"),
            VerifyCS.Diagnostic("EST0020").WithLocation(1).WithLocation(2).WithArguments("audit", "Audit.Archive", "Audit.Record", "give Audit.Archive another EndpointId"));

    [Fact]
    public Task Synchronous_endpoints_skipped_handlers_and_distinct_ids_do_not_conflict() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public sealed record OrderPlaced(int Id);
            public sealed record OrderCancelled(int Id);

            public sealed class Audit
            {
                // Synchronous endpoints are not selected by id: these overloads may share one.
                [EventHandler]
                public void Record(OrderPlaced placed) { }

                [EventHandler]
                public void Record(OrderCancelled cancelled) { }

                [Asynchronous("audit")]
                [EventHandler(EndpointId = "audit.placed")]
                public void Mirror(OrderPlaced placed) { }

                [Asynchronous("audit")]
                [EventHandler(EndpointId = "audit.cancelled")]
                public void Mirror(OrderCancelled cancelled) { }

                // Not wired (private), so it never reaches the host.
                [Asynchronous("audit")]
                [EventHandler(EndpointId = "audit.placed")]
                private void Old(OrderPlaced placed) { }
            }
            """);
}
