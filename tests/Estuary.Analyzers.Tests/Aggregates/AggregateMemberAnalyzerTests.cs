using System.Threading.Tasks;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.AggregateMemberAnalyzer>;

namespace Estuary.Analyzers.Tests.Aggregates;

public sealed class AggregateMemberAnalyzerTests
{
    [Fact]
    public Task An_aggregate_or_saga_without_identifier_is_reported_once_on_the_class() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record NoteOrder(Guid OrderId);
            public sealed record CloseOrder(Guid OrderId);
            public sealed record OrderPlaced(Guid OrderId);

            [Aggregate]
            public sealed class {|#0:Anonymous|}
            {
                [CommandHandler]
                public void Note(NoteOrder command) { }

                [CommandHandler]
                public void Close(CloseOrder command) { }
            }

            [Saga]
            public sealed class {|#1:Checkout|}
            {
                public Guid OrderId { get; set; }

                [EventHandler]
                public static Checkout Start(OrderPlaced placed) => new() { OrderId = placed.OrderId };
            }
            """,
            VerifyCS.Diagnostic("EST0027").WithLocation(0).WithArguments("Aggregate Anonymous", "none of its handlers is wired"),
            VerifyCS.Diagnostic("EST0027").WithLocation(1).WithArguments("Saga Checkout", "none of its handlers is wired"));

    [Fact]
    public Task An_action_returning_an_aggregate_without_identifier_is_reported_on_its_return_type() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record BillOrder(Guid OrderId);

            [Aggregate]
            public sealed class Invoice
            {
                public Guid InvoiceId { get; set; }
            }

            [Aggregate]
            public sealed class Order
            {
                [Identifier] public Guid OrderId { get; set; }

                [CommandHandler]
                public {|#0:Invoice|} Bill(BillOrder command) => new();
            }
            """,
            VerifyCS.Diagnostic("EST0027").WithLocation(0).WithArguments("Aggregate Invoice", "Order.Bill, which creates it, is not wired"));

    [Fact]
    public Task Aggregates_and_sagas_with_an_identifier_are_not_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record NoteOrder(Guid OrderId);
            public sealed record OrderPlaced(Guid OrderId);

            [Aggregate]
            public sealed class Order
            {
                [Identifier] public Guid OrderId { get; set; }

                [CommandHandler]
                public void Note(NoteOrder command) { }
            }

            [Saga]
            public sealed class Checkout
            {
                [Identifier] internal Guid OrderId;

                [EventHandler]
                public static Checkout Start(OrderPlaced placed) => new() { OrderId = placed.OrderId };
            }
            """);

    [Fact]
    public Task An_identifier_of_a_class_without_its_own_ToString_is_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public sealed class OrderNumber
            {
                public int Value { get; set; }
            }

            public sealed record PlaceOrder(OrderNumber Number);

            [Aggregate]
            public sealed class Order
            {
                [Identifier] public OrderNumber {|#0:Number|} { get; set; } = new();

                [CommandHandler]
                public static Order Place(PlaceOrder command) => new() { Number = command.Number };
            }
            """,
            VerifyCS.Diagnostic("EST0031").WithLocation(0).WithArguments(
                "Order",
                "Number",
                "OrderNumber",
                "override ToString in OrderNumber to return a text naming one instance (a record does), or use a string, number, Guid or enum"));

    [Fact]
    public Task Identifiers_that_are_records_Guids_strings_numbers_or_enums_are_not_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record OrderNumber(int Value);
            public enum Region { North, South }
            public sealed record PlaceOrder(OrderNumber Number, Guid Id, string Code, int Line, Region Region);

            [Aggregate]
            public sealed class Order
            {
                [Identifier] public OrderNumber Number { get; set; } = new(0);
                [Identifier] public Guid Id { get; set; }
                [Identifier] public string Code { get; set; } = "";
                [Identifier] public int Line { get; set; }
                [Identifier] public Region Region { get; set; }
                [Identifier] public DateOnly Day { get; set; }

                [CommandHandler]
                public static Order Place(PlaceOrder command) => new() { Number = command.Number, Id = command.Id };
            }
            """);

    [Fact]
    public Task Identifier_version_and_completed_members_generated_code_cannot_reach_are_reported_on_the_member() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record PlaceOrder(Guid OrderId);
            public sealed record OrderShipped(Guid OrderId);

            [Aggregate]
            public sealed class Order
            {
                [Identifier] private Guid {|#0:OrderId|} { get; set; }

                [AggregateVersion] public long {|#1:Version|} { private get; set; }

                [CommandHandler]
                public static Order Place(PlaceOrder command) => new() { OrderId = command.OrderId };
            }

            [Saga]
            public class Checkout
            {
                [Identifier] public Guid OrderId { get; set; }

                [SagaCompleted] protected bool {|#2:Done|} { get; set; }

                [EventHandler]
                public void On(OrderShipped shipped) { }
            }
            """,
            VerifyCS.Diagnostic("EST0032").WithLocation(0).WithArguments("Identifier", "Order", "OrderId", "private", "it"),
            VerifyCS.Diagnostic("EST0032").WithLocation(1).WithArguments("AggregateVersion", "Order", "Version", "a property with a private getter", "its getter"),
            VerifyCS.Diagnostic("EST0032").WithLocation(2).WithArguments("SagaCompleted", "Checkout", "Done", "protected", "it"));

    [Fact]
    public Task Internal_members_and_private_setters_are_reachable() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record PlaceOrder(Guid OrderId);

            [Aggregate]
            public sealed class Order
            {
                [Identifier] public Guid OrderId { get; private set; }

                [AggregateVersion] internal long Version { get; set; }

                [CommandHandler]
                public static Order Place(PlaceOrder command) => new() { OrderId = command.OrderId };
            }
            """);
}
