using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.AsynchronousMessageJsonAnalyzer>;
using VerifyFix = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.AsynchronousMessageJsonAnalyzer, Estuary.CodeFixes.AddJsonSerializableCodeFix>;

namespace Estuary.Analyzers.Tests.Asynchronous;

public sealed class AsynchronousMessageJsonAnalyzerTests
{
    private const string Handlers = """
        using Estuary;

        namespace Shop
        {
            public sealed record ShipOrder(int Id);
            public sealed record PlaceOrder(int Id);
            public interface IOrderEvent { }
            public sealed record BillOrder(int Id);

            public static class Fulfilment
            {
                [Asynchronous("shipping")]
                [CommandHandler(EndpointId = "shipping.ship")]
                public static void Ship({|#0:ShipOrder|} command) { }

                [Asynchronous("shipping")]
                [CommandHandler(EndpointId = "shipping.place")]
                public static void Place(PlaceOrder command) { }

                [Asynchronous("shipping")]
                [EventHandler(EndpointId = "shipping.any")]
                public static void OnAny(IOrderEvent @event) { }

                [CommandHandler]
                public static void Bill(BillOrder command) { }
            }
        }
        """;

    // A hand-written context: the System.Text.Json generator does not run in analyzer tests.
    private const string Context = """
        using System;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;
        using Shop;

        [JsonSerializable(typeof(PlaceOrder))]
        public sealed class ShopJson : JsonSerializerContext
        {
            public ShopJson() : base(null) { }

            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;

            public override JsonTypeInfo? GetTypeInfo(Type type) => null;
        }
        """;

    [Fact]
    public Task Asynchronous_message_missing_from_the_projects_context_is_reported_and_others_are_not() =>
        VerifyCS.AnalyzerAsync(
            new[] { Handlers, Context },
            Warning().WithLocation(0).WithArguments("ShipOrder", "shipping", "add [JsonSerializable(typeof(ShipOrder))] to ShopJson"));

    [Fact]
    public Task Without_any_context_the_message_says_to_declare_one() =>
        VerifyCS.AnalyzerAsync(
            Handlers.Replace("{|#0:ShipOrder|}", "{|#0:ShipOrder|}").Replace("Place(PlaceOrder command)", "Place({|#1:PlaceOrder|} command)"),
            Warning().WithLocation(0).WithArguments("ShipOrder", "shipping", "declare one, e.g. [JsonSerializable(typeof(ShipOrder))] internal sealed partial class MessagesJson : JsonSerializerContext;"),
            Warning().WithLocation(1).WithArguments("PlaceOrder", "shipping", "declare one, e.g. [JsonSerializable(typeof(PlaceOrder))] internal sealed partial class MessagesJson : JsonSerializerContext;"));

    [Fact]
    public Task A_message_consumers_body_type_missing_from_the_context_is_reported() =>
        VerifyCS.AnalyzerAsync(
            new[]
            {
                """
                using Estuary;

                namespace Shop
                {
                    public sealed record CrmRecord(int Id);

                    public static class Imports
                    {
                        [MessageConsumer("crm")]
                        public static void Import({|#0:CrmRecord|} record) { }

                        [MessageConsumer("crm-known")]
                        public static void Known(PlaceOrder order) { }
                    }

                    public sealed record PlaceOrder(int Id);
                }
                """,
                Context,
            },
            Warning().WithLocation(0).WithArguments("CrmRecord", "crm", "add [JsonSerializable(typeof(CrmRecord))] to ShopJson"));

    [Fact]
    public Task Code_fix_adds_the_message_to_the_context() =>
        VerifyFix.CodeFixAsync(
            new[] { Handlers.Replace("{|#0:ShipOrder|}", "{|EST0025:ShipOrder|}"), Context },
            new[]
            {
                Handlers.Replace("{|#0:ShipOrder|}", "ShipOrder"),
                Context.Replace("[JsonSerializable(typeof(PlaceOrder))]", "[JsonSerializable(typeof(PlaceOrder))]\n[JsonSerializable(typeof(ShipOrder))]"),
            });

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Warning() => VerifyCS.Diagnostic("EST0025").WithSeverity(DiagnosticSeverity.Warning);
}
