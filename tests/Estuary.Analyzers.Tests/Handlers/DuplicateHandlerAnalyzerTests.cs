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

    [Fact]
    public Task A_static_factory_and_an_instance_action_of_one_aggregate_are_one_load_or_create_endpoint() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record OrderDrink(Guid TabId, string Drink);

            [Aggregate]
            public sealed class Tab
            {
                [Identifier] public Guid TabId { get; set; }

                [CommandHandler]
                public static Tab Open(OrderDrink command) => new() { TabId = command.TabId };

                [CommandHandler]
                public void Order(OrderDrink command) { }
            }
            """);

    [Fact]
    public Task Factories_of_one_aggregate_are_left_to_EST0030_but_a_second_action_is_a_duplicate() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record OrderDrink(Guid TabId, string Drink);

            [Aggregate]
            public sealed class Tab
            {
                [Identifier] public Guid TabId { get; set; }

                [CommandHandler]
                public static Tab Open(OrderDrink command) => new() { TabId = command.TabId };

                [CommandHandler]
                public static Tab OpenAtBar(OrderDrink command) => new() { TabId = command.TabId };

                [CommandHandler]
                public void {|#1:Order|}(OrderDrink command) { }

                [CommandHandler]
                public void {|#0:OrderAgain|}(OrderDrink command) { }
            }
            """,
            VerifyCS.Diagnostic("EST0001").WithLocation(0).WithLocation(1).WithArguments("OrderDrink", "Tab.Order", "Tab.OrderAgain"));

    [Fact]
    public Task An_aggregate_handler_and_a_handler_elsewhere_are_duplicates() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record OrderDrink(Guid TabId, string Drink);

            public static class Bar
            {
                [CommandHandler]
                public static void {|#2:Serve|}(OrderDrink command) { }
            }

            [Aggregate]
            public sealed class Tab
            {
                [Identifier] public Guid TabId { get; set; }

                [CommandHandler]
                public static Tab {|#0:Open|}(OrderDrink command) => new() { TabId = command.TabId };

                [CommandHandler]
                public void {|#1:Order|}(OrderDrink command) { }
            }
            """,
            VerifyCS.Diagnostic("EST0001").WithLocation(0).WithLocation(2).WithArguments("OrderDrink", "Bar.Serve", "Tab.Open"),
            VerifyCS.Diagnostic("EST0001").WithLocation(1).WithLocation(2).WithArguments("OrderDrink", "Bar.Serve", "Tab.Order"));

    [Fact]
    public Task An_aggregate_handler_the_generator_skips_does_not_count_as_a_duplicate() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record ShipOrder(Guid Id);

            public static class Shipping
            {
                [CommandHandler]
                public static void Ship(ShipOrder command) { }
            }

            [Aggregate]
            public sealed class Order
            {
                [Identifier] public Guid OrderId { get; set; }

                [CommandHandler]
                public void Ship(ShipOrder command) { }
            }
            """);
}
