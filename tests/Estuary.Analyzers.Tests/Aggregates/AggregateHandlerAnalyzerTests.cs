using System.Threading.Tasks;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.AggregateHandlerAnalyzer>;

namespace Estuary.Analyzers.Tests.Aggregates;

public sealed class AggregateHandlerAnalyzerTests
{
    [Fact]
    public Task Static_handlers_that_do_not_create_the_aggregate_and_static_queries_are_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record PlaceOrder(Guid OrderId);
            public sealed record GetOrder(Guid OrderId);

            [Aggregate]
            public sealed class Order
            {
                [Identifier] public Guid OrderId { get; set; }

                [CommandHandler]
                public static {|#0:string|} Place(PlaceOrder command) => "no";

                [QueryHandler]
                public static int {|#1:Get|}(GetOrder query) => 1;
            }
            """,
            VerifyCS.Diagnostic("EST0026").WithLocation(0).WithArguments("Order.Place on aggregate Order", "a static handler creates the aggregate and must return Order (or a Task or ValueTask of it); make it an instance method to act on an existing instance"),
            VerifyCS.Diagnostic("EST0026").WithLocation(1).WithArguments("Order.Get on aggregate Order", "a query asks an existing instance; make the [QueryHandler] an instance method"));

    [Fact]
    public Task Invalid_events_version_and_completed_members_are_reported_once_on_the_member() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record NoteOrder(Guid OrderId);
            public sealed record CloseOrder(Guid OrderId);
            public sealed record OrderShipped(Guid OrderId);

            [Aggregate]
            public sealed class Noisy
            {
                [Identifier] public Guid OrderId { get; set; }

                [AggregateVersion] public long {|#0:Version|} { get; }

                [AggregateEvents]
                public static int {|#1:Events|}() => 0;

                [CommandHandler]
                public void Note(NoteOrder command) { }

                [CommandHandler]
                public void Close(CloseOrder command) { }
            }

            [Aggregate]
            public sealed class Finished
            {
                [Identifier] public Guid OrderId { get; set; }

                [SagaCompleted] public bool {|#2:Done|} { get; set; }

                [CommandHandler]
                public void Close(CloseOrder command) { }
            }

            [Saga]
            public sealed class Checkout
            {
                [Identifier] public Guid OrderId { get; set; }

                [SagaCompleted] public int {|#3:Done|} { get; set; }

                [EventHandler]
                public void On(OrderShipped shipped) { }
            }
            """,
            VerifyCS.Diagnostic("EST0026").WithLocation(0).WithArguments("Aggregate Noisy", "its [AggregateVersion] member Version must be a long or int that generated code can set: a property with a public or internal setter (not init), or a field that is not readonly"),
            VerifyCS.Diagnostic("EST0026").WithLocation(1).WithArguments("Aggregate Noisy", "its [AggregateEvents] method Events must be a public or internal instance method without parameters returning a sequence of events"),
            VerifyCS.Diagnostic("EST0026").WithLocation(2).WithArguments("Aggregate Finished", "[SagaCompleted] on Done marks the end of a saga, and Finished is an [Aggregate]; declare it [Saga], or remove [SagaCompleted]"),
            VerifyCS.Diagnostic("EST0026").WithLocation(3).WithArguments("Saga Checkout", "its [SagaCompleted] member Done must be a bool"));

    [Fact]
    public Task An_action_creating_an_invalid_aggregate_is_reported_on_its_return_type() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record BillOrder(Guid OrderId);

            [Aggregate]
            public sealed class Invoice
            {
                [Identifier] public Guid InvoiceId { get; set; }

                [AggregateVersion] public string Version { get; set; } = "";
            }

            [Aggregate]
            public sealed class Order
            {
                [Identifier] public Guid OrderId { get; set; }

                [CommandHandler]
                public {|#0:Invoice|} Bill(BillOrder command) => new();
            }
            """,
            VerifyCS.Diagnostic("EST0026").WithLocation(0).WithArguments("Order.Bill on aggregate Order", "the Invoice it creates is invalid; its [AggregateVersion] member Version must be a long or int that generated code can set: a property with a public or internal setter (not init), or a field that is not readonly"));

    [Fact]
    public Task Factories_actions_and_valid_events_version_and_completed_members_are_not_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Estuary;

            public sealed record PlaceOrder(Guid OrderId);
            public sealed record ShipOrder(Guid OrderId);
            public sealed record GetOrder(Guid OrderId);
            public sealed record OrderPlaced(Guid OrderId);
            public sealed record OrderShipped(Guid OrderId);

            [Aggregate]
            public sealed class Order
            {
                private readonly List<object> _recorded = [];

                [Identifier] public Guid OrderId { get; set; }

                [AggregateVersion] public long Version { get; set; }

                [AggregateEvents]
                public IEnumerable<object> RecordedEvents() => _recorded;

                [CommandHandler]
                public static Task<Order> Place(PlaceOrder command) => Task.FromResult(new Order());

                [CommandHandler]
                public void Ship(ShipOrder command) { }

                [QueryHandler]
                public bool Get(GetOrder query) => true;

                [CommandHandler("order.cancel")]
                public void Cancel() { }
            }

            [Saga]
            public sealed class Checkout
            {
                [Identifier] public Guid OrderId { get; set; }

                [AggregateVersion] internal int Version;

                [SagaCompleted] public bool Done { get; set; }

                [EventHandler]
                public static Checkout Start(OrderPlaced placed) => new() { OrderId = placed.OrderId };

                [EventHandler]
                public void On(OrderShipped shipped) => Done = true;
            }
            """);
}
