using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.IdentifierMappingAnalyzer>;

namespace Estuary.Analyzers.Tests.Aggregates;

public sealed class IdentifierMappingAnalyzerTests
{
    [Fact]
    public Task An_aggregate_command_without_its_identifier_is_reported_on_the_message_with_the_three_fixes() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record ShipOrder(Guid Id);

            [Aggregate]
            public sealed class Order
            {
                [Identifier] public Guid OrderId { get; set; }

                [CommandHandler]
                public void Ship({|#0:ShipOrder|} command) { }
            }
            """,
            VerifyCS.Diagnostic("EST0028").WithLocation(0).WithArguments("ShipOrder", "OrderId", "Order", "Order.Ship"));

    [Fact]
    public Task Aggregate_commands_mapped_by_name_target_or_attribute_are_not_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record ShipOrder([property: TargetIdentifier("OrderId")] Guid Id);
            public sealed record PayOrder(Guid orderid);
            public sealed record Payment(Guid Order);
            public sealed record RefundOrder(Payment Payment);
            public sealed record ArchiveOrder(string Reference);

            [Aggregate]
            public sealed class Order
            {
                [Identifier] public Guid OrderId { get; set; }

                [CommandHandler]
                public void Ship(ShipOrder command) { }

                [CommandHandler]
                public void Pay(PayOrder command) { }

                [CommandHandler]
                [IdentifierMapping("OrderId", Member = "Payment.Order")]
                public void Refund(RefundOrder command) { }

                [CommandHandler]
                [IdentifierMapping("OrderId", Method = nameof(OrderIdOf))]
                public void Archive(ArchiveOrder command) { }

                [CommandHandler("order.cancel")]
                public void Cancel() { }

                public static Guid OrderIdOf(ArchiveOrder command) => Guid.Parse(command.Reference);
            }
            """);

    [Fact]
    public Task A_saga_event_without_a_mapping_is_reported_with_saga_advice() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record OrderPlaced(Guid OrderId);
            public sealed record PaymentCaptured(Guid PaymentId);

            [Saga]
            public sealed class Checkout
            {
                [Identifier] public Guid OrderId { get; set; }

                [EventHandler]
                public static Checkout Start(OrderPlaced placed) => new() { OrderId = placed.OrderId };

                [EventHandler]
                public void On({|#0:PaymentCaptured|} captured) { }
            }
            """,
            VerifyCS.Diagnostic("EST0029").WithLocation(0).WithArguments("PaymentCaptured", "OrderId", "Checkout", "Checkout.On"));

    [Fact]
    public Task Saga_events_mapped_to_a_header_a_member_path_or_a_static_method_are_not_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record Reference(Guid OrderId);
            public sealed record PaymentCaptured(Guid PaymentId, Reference Reference);
            public sealed record ParcelShipped(string Tracking);
            public sealed record ParcelDelivered(string Tracking);
            public sealed record ReminderDue(int Attempt);

            [Saga]
            public sealed class Checkout
            {
                [Identifier] public Guid OrderId { get; set; }

                [EventHandler]
                [IdentifierMapping("OrderId", Member = "Reference.OrderId")]
                public void On(PaymentCaptured captured) { }

                [EventHandler]
                [IdentifierMapping("OrderId", Header = "correlation-id")]
                public void On(ReminderDue due) { }

                [EventHandler]
                [IdentifierMapping("OrderId", Method = nameof(OrderOf))]
                public void On(ParcelShipped shipped) { }

                [EventHandler]
                [IdentifierMapping("OrderId", Method = nameof(OrderOf))]
                public void On(ParcelDelivered delivered) { }

                public static Guid OrderOf(ParcelShipped shipped) => Guid.Empty;

                internal static Guid OrderOf(ParcelDelivered delivered, MessageContext context) => context.CorrelationId;
            }
            """);

    [Fact]
    public Task Mappings_that_cannot_be_resolved_are_reported_on_the_attribute_with_the_reason() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record Reference(Guid OrderId);
            public sealed record PaymentCaptured(Guid PaymentId, Reference Reference);
            public sealed record PaymentFailed(Reference Reference);
            public sealed record PaymentRefunded(Reference Reference);
            public sealed record ParcelShipped(string Tracking);

            [Saga]
            public sealed class Checkout
            {
                [Identifier] public Guid OrderId { get; set; }

                [EventHandler]
                [{|#0:IdentifierMapping("OrderId", Member = "Reference.Order")|}]
                public void On(PaymentCaptured captured) { }

                [EventHandler]
                [{|#1:IdentifierMapping("OrderId", Header = "order-id", Member = "Reference.OrderId")|}]
                public void On(PaymentFailed failed) { }

                [EventHandler]
                [{|#2:IdentifierMapping("Order", Member = "Reference.OrderId")|}]
                [IdentifierMapping("OrderId", Member = "Reference.OrderId")]
                public void On(PaymentRefunded refunded) { }

                [EventHandler]
                [{|#3:IdentifierMapping("OrderId", Method = nameof(OrderOf))|}]
                public void On(ParcelShipped shipped) { }

                public Guid OrderOf(ParcelShipped shipped) => OrderId;
            }
            """,
            VerifyCS.Diagnostic("EST0033").WithLocation(0).WithArguments("OrderId", "Checkout.On", "'Reference.Order': Reference has no public or internal member 'Order'"),
            VerifyCS.Diagnostic("EST0033").WithLocation(1).WithArguments("OrderId", "Checkout.On", "set exactly one of Header, Member or Method"),
            VerifyCS.Diagnostic("EST0033").WithLocation(2).WithArguments("Order", "Checkout.On", "Checkout has no [Identifier] member 'Order'"),
            VerifyCS.Diagnostic("EST0033").WithLocation(3).WithArguments("OrderId", "Checkout.On", "Checkout has no public or internal static method 'OrderOf(ParcelShipped[, MessageContext])' returning the identifier"));

    [Fact]
    public Task A_mapping_on_a_static_handler_is_reported_as_never_read_and_one_on_the_instance_handler_is_not() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record OrderPlaced(Guid OrderId, string Customer);

            [Aggregate]
            public sealed class Card
            {
                [Identifier] public string CustomerId { get; set; } = "";
                public int Orders { get; set; }

                [EventHandler]
                [{|#0:IdentifierMapping("CustomerId", Member = "Customer")|}]
                public static Card Open(OrderPlaced placed) => new() { CustomerId = placed.Customer, Orders = 1 };

                [EventHandler]
                [IdentifierMapping("CustomerId", Member = "Customer")]
                public void Count(OrderPlaced placed) => Orders++;
            }
            """,
            VerifyCS.Diagnostic("EST0039").WithSeverity(DiagnosticSeverity.Warning).WithLocation(0).WithArguments(
                "CustomerId",
                "Card.Open",
                "a static handler creates the aggregate, which has the identifier the handler gives it; to find an existing instance by this message, map the identifier on the instance handler of the same message (the two make one load-or-create endpoint), and remove it here"));
}
