using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.MessageSerializationAnalyzer>;

namespace Estuary.Analyzers.Tests.Serialization;

public sealed class MessageSerializationAnalyzerTests
{
    [Fact]
    public Task Interface_and_abstract_commands_are_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public interface IOrderCommand { }
            public abstract record OrderCommand(int Id);

            public static class Orders
            {
                [CommandHandler]
                public static void Any({|#0:IOrderCommand|} command) { }

                [QueryHandler]
                public static int Count({|#1:OrderCommand|} query) => 0;
            }
            """,
            Warning().WithLocation(0).WithArguments("IOrderCommand", "Orders.Any", "it is an interface; handle a concrete class or record"),
            Warning().WithLocation(1).WithArguments("OrderCommand", "Orders.Count", "it is abstract; handle a concrete class or record"));

    [Fact]
    public Task A_message_without_public_constructor_is_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public sealed class PlaceOrder
            {
                private PlaceOrder() { }

                public int Id { get; init; }
            }

            public static class Orders
            {
                [CommandHandler]
                public static void Place({|#0:PlaceOrder|} command) { }
            }
            """,
            Warning().WithLocation(0).WithArguments("PlaceOrder", "Orders.Place", "it has no public constructor; add one, or mark the constructor to use [JsonConstructor]"));

    [Fact]
    public Task Properties_json_cannot_read_back_are_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record PlaceOrder(int Id, object Payload);
            public sealed record ShipOrder(int Id, Type Carrier);
            public sealed record PayOrder(int Id, Func<int> Amount);

            public static class Orders
            {
                [CommandHandler]
                public static void Place({|#0:PlaceOrder|} command) { }

                [CommandHandler]
                public static void Ship({|#1:ShipOrder|} command) { }

                [EventHandler]
                public static void Paid({|#2:PayOrder|} paid) { }
            }
            """,
            Warning().WithLocation(0).WithArguments("PlaceOrder", "Orders.Place", "property 'Payload' is an object, which is read back as a JsonElement; give it a concrete data type or mark it [JsonIgnore]"),
            Warning().WithLocation(1).WithArguments("ShipOrder", "Orders.Ship", "property 'Carrier' is a System.Type, which System.Text.Json refuses to serialize; give it a concrete data type or mark it [JsonIgnore]"),
            Warning().WithLocation(2).WithArguments("PayOrder", "Orders.Paid", "property 'Amount' is a delegate, which System.Text.Json does not serialize; give it a concrete data type or mark it [JsonIgnore]"));

    [Fact]
    public Task Serializable_messages_polymorphic_events_and_foreign_types_are_not_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using System.Text.Json.Serialization;
            using Estuary;

            public interface IOrderEvent { }
            public sealed record PlaceOrder(int Id, string Product, DateTimeOffset At);
            public struct Ping { public int Count { get; set; } }

            public sealed class ShipOrder
            {
                [JsonConstructor]
                internal ShipOrder(int id) => Id = id;

                public int Id { get; }

                [JsonIgnore]
                public object? Cache { get; set; }
            }

            public static class Orders
            {
                [CommandHandler]
                public static void Place(PlaceOrder command) { }

                [CommandHandler]
                public static void Ship(ShipOrder command) { }

                [CommandHandler]
                public static void Pong(Ping command) { }

                [CommandHandler("orders.anything")]
                public static void Anything(Uri command) { }

                [EventHandler]
                public static void Audit(IOrderEvent placed) { }
            }
            """);

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Warning() => VerifyCS.Diagnostic("EST0010").WithSeverity(DiagnosticSeverity.Warning);
}
