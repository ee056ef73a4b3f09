using System.Threading.Tasks;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.AggregateHandlerAnalyzer>;

namespace Estuary.Analyzers.Tests.Aggregates;

public sealed class AggregateHandlerAnalyzerTests
{
    [Fact]
    public Task Handlers_the_generator_cannot_wire_on_an_aggregate_are_reported_with_the_reason() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record PlaceOrder(Guid OrderId);
            public sealed record ShipOrder(Guid Id);
            public sealed record GetOrder(Guid OrderId);
            public sealed record NoteOrder(Guid OrderId);

            [Aggregate]
            public sealed class Order
            {
                [Identifier] public Guid OrderId { get; set; }

                [CommandHandler]
                public static {|#0:string|} Place(PlaceOrder command) => "no";

                [CommandHandler]
                public void Ship({|#1:ShipOrder|} command) { }

                [QueryHandler]
                public static int {|#2:Get|}(GetOrder query) => 1;
            }

            [Aggregate]
            public sealed class Anonymous
            {
                [CommandHandler]
                public void {|#3:Note|}(NoteOrder command) { }
            }

            [Aggregate]
            public sealed class Noisy
            {
                [Identifier] public Guid OrderId { get; set; }

                [AggregateEvents]
                public static int Events() => 0;

                [CommandHandler]
                public void {|#4:Note|}(NoteOrder command) { }
            }
            """,
            VerifyCS.Diagnostic("EST0026").WithLocation(0).WithArguments("Order.Place", "Order", "a static handler on an aggregate creates it and must return the aggregate (or a Task of it)"),
            VerifyCS.Diagnostic("EST0026").WithLocation(1).WithArguments("Order.Ship", "Order", "ShipOrder has no member for identifier 'OrderId'; add a member of that name, or mark the member holding it [TargetIdentifier(\"OrderId\")]"),
            VerifyCS.Diagnostic("EST0026").WithLocation(2).WithArguments("Order.Get", "Order", "a query asks an existing instance; make the [QueryHandler] an instance method"),
            VerifyCS.Diagnostic("EST0026").WithLocation(3).WithArguments("Anonymous.Note", "Anonymous", "the aggregate has no [Identifier] member; mark the property that identifies an instance"),
            VerifyCS.Diagnostic("EST0026").WithLocation(4).WithArguments("Noisy.Note", "Noisy", "its [AggregateEvents] method Events must be a public or internal instance method without parameters returning a sequence of events"));

    [Fact]
    public Task Factories_actions_mapped_by_name_or_target_and_header_routed_handlers_are_not_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using System.Threading.Tasks;
            using Estuary;

            public sealed record PlaceOrder(Guid OrderId);
            public sealed record ShipOrder([property: TargetIdentifier("OrderId")] Guid Id);
            public sealed record PayOrder(Guid orderid);

            [Aggregate]
            public sealed class Order
            {
                [Identifier] public Guid OrderId { get; set; }

                [CommandHandler]
                public static Task<Order> Place(PlaceOrder command) => Task.FromResult(new Order());

                [CommandHandler]
                public void Ship(ShipOrder command) { }

                [CommandHandler]
                public void Pay(PayOrder command) { }

                [CommandHandler("order.cancel")]
                public void Cancel() { }
            }
            """);
}
