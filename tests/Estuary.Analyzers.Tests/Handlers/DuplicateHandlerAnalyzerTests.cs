using System.Threading.Tasks;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.DuplicateHandlerAnalyzer>;

namespace Estuary.Analyzers.Tests.Handlers;

public sealed class DuplicateHandlerAnalyzerTests
{
    [Fact]
    public Task Two_command_handlers_for_one_message_are_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public sealed record PlaceOrder(int Id);

            public static class Orders
            {
                [CommandHandler]
                public static void {|#1:Place|}(PlaceOrder command) { }
            }

            public static class Billing
            {
                [CommandHandler]
                public static void {|#0:Charge|}(PlaceOrder command) { }
            }
            """,
            VerifyCS.Diagnostic("EST0001").WithLocation(0).WithLocation(1).WithArguments("PlaceOrder", "Orders.Place", "Billing.Charge"));

    [Fact]
    public Task Each_handler_beyond_the_first_is_reported_naming_the_first() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public sealed record PlaceOrder(int Id);

            public static class Orders
            {
                [CommandHandler]
                public static void {|#2:Place|}(PlaceOrder command) { }

                [CommandHandler]
                public static void {|#0:PlaceAgain|}(PlaceOrder command) { }

                [CommandHandler("orders.place")]
                public static void {|#1:PlaceByKey|}(PlaceOrder command) { }
            }
            """,
            VerifyCS.Diagnostic("EST0001").WithLocation(0).WithLocation(2).WithArguments("PlaceOrder", "Orders.Place", "Orders.PlaceAgain"),
            VerifyCS.Diagnostic("EST0001").WithLocation(1).WithLocation(2).WithArguments("PlaceOrder", "Orders.Place", "Orders.PlaceByKey"));

    [Fact]
    public Task Handlers_of_different_kinds_or_messages_do_not_conflict() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public sealed record PlaceOrder(int Id);
            public sealed record CancelOrder(int Id);

            public static class Orders
            {
                [CommandHandler]
                public static void Place(PlaceOrder command) { }

                [CommandHandler]
                public static void Cancel(CancelOrder command) { }

                [QueryHandler]
                public static int Preview(PlaceOrder query) => 1;

                [EventHandler]
                public static void Audit(PlaceOrder placed) { }

                [EventHandler]
                public static void AuditAgain(PlaceOrder placed) { }
            }
            """);

    [Fact]
    public Task A_handler_the_generator_skips_does_not_count_as_a_duplicate() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public sealed record PlaceOrder(int Id);

            public static class Orders
            {
                [CommandHandler]
                private static void Old(PlaceOrder command) { }

                [CommandHandler]
                public static void Place(PlaceOrder command) { }
            }
            """);

    [Fact]
    public Task Two_query_handlers_for_one_query_are_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using System.Threading.Tasks;
            using Estuary;

            public sealed record GetOrder(int Id);

            public static class Orders
            {
                [QueryHandler]
                public static string {|#1:Get|}(GetOrder query) => "order";

                [QueryHandler]
                public static Task<string> {|#0:GetAsync|}(GetOrder query) => Task.FromResult("order");
            }
            """,
            VerifyCS.Diagnostic("EST0003").WithLocation(0).WithLocation(1).WithArguments("GetOrder", "Orders.Get", "Orders.GetAsync"));

    [Fact]
    public Task Two_command_handlers_with_one_routing_key_are_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public static class Orders
            {
                [CommandHandler("orders.archive")]
                public static void {|#1:Archive|}() { }

                [CommandHandler("orders.archive")]
                public static void {|#0:ArchiveAll|}() { }
            }
            """,
            VerifyCS.Diagnostic("EST0002").WithLocation(0).WithLocation(1).WithArguments("orders.archive", "command", "Orders.Archive", "Orders.ArchiveAll"));

    [Fact]
    public Task One_routing_key_may_name_a_command_and_a_query_handler() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public static class Orders
            {
                [CommandHandler("orders.archive")]
                public static void Archive() { }

                [QueryHandler("orders.archive")]
                public static int ArchivedCount() => 0;

                [EventHandler("orders.archive")]
                public static void Archived() { }

                [EventHandler("orders.archive")]
                public static void ArchivedAgain() { }
            }
            """);
}
