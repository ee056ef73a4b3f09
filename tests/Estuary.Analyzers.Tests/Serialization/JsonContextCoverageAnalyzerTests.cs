using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.JsonContextCoverageAnalyzer>;
using VerifyFix = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.JsonContextCoverageAnalyzer, Estuary.CodeFixes.AddJsonSerializableCodeFix>;

namespace Estuary.Analyzers.Tests.Serialization;

public sealed class JsonContextCoverageAnalyzerTests
{
    // The System.Text.Json generator does not run in these tests, so the context implements its
    // abstract members by hand.
    private const string Context = """
        using System;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;
        using Shop;

        [JsonSerializable(typeof(PlaceOrder))]
        public sealed class AppJson : JsonSerializerContext
        {
            public AppJson() : base(null) { }

            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;

            public override JsonTypeInfo? GetTypeInfo(Type type) => null;
        }
        """;

    private const string FixedContext = """
        using System;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;
        using Shop;

        [JsonSerializable(typeof(PlaceOrder))]
        [JsonSerializable(typeof(CancelOrder))]
        public sealed class AppJson : JsonSerializerContext
        {
            public AppJson() : base(null) { }

            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;

            public override JsonTypeInfo? GetTypeInfo(Type type) => null;
        }
        """;

    private const string Handlers = """
        using Estuary;

        namespace Shop;

        public sealed record PlaceOrder(int Id);
        public sealed record CancelOrder(int Id);

        public static class Orders
        {
            [CommandHandler]
            public static void Place(PlaceOrder command) { }

            [CommandHandler]
            public static void Cancel({|#0:CancelOrder|} command) { }
        }
        """;

    [Fact]
    public Task A_message_missing_from_the_json_context_is_reported() =>
        VerifyCS.AnalyzerAsync(
            new[] { Handlers, Context },
            VerifyCS.Diagnostic("EST0011").WithSeverity(DiagnosticSeverity.Info).WithLocation(0).WithArguments("CancelOrder", "AppJson"));

    [Fact]
    public Task A_projection_handler_taking_the_stored_event_is_not_reported() =>
        VerifyCS.AnalyzerAsync(
            new[]
            {
                Handlers.Replace("{|#0:CancelOrder|}", "CancelOrder") + """

                [Projection("order_log")]
                public static class OrderLog
                {
                    [EventHandler]
                    public static void On(RecordedEvent recorded) { }
                }
                """,
                Context.Replace("[JsonSerializable(typeof(PlaceOrder))]", "[JsonSerializable(typeof(PlaceOrder))]\n[JsonSerializable(typeof(CancelOrder))]"),
            });

    [Fact]
    public Task Without_any_json_context_nothing_is_reported() =>
        VerifyCS.AnalyzerAsync(Handlers.Replace("{|#0:CancelOrder|}", "CancelOrder"));

    [Fact]
    public Task Adding_the_message_to_the_context_lists_it_after_the_others() =>
        VerifyFix.CodeFixAsync(
            new[] { Handlers.Replace("{|#0:CancelOrder|}", "{|EST0011:CancelOrder|}"), Context },
            new[] { Handlers.Replace("{|#0:CancelOrder|}", "CancelOrder"), FixedContext });

    [Fact]
    public Task Adding_a_message_from_another_namespace_imports_that_namespace() =>
        VerifyFix.CodeFixAsync(
            new[] { Handlers.Replace("{|#0:CancelOrder|}", "{|EST0011:CancelOrder|}"), Context.Replace("using Shop;\n", string.Empty).Replace("typeof(PlaceOrder)", "typeof(Shop.PlaceOrder)") },
            new[]
            {
                Handlers.Replace("{|#0:CancelOrder|}", "CancelOrder"),
                FixedContext.Replace("using Shop;\n", string.Empty).Replace("typeof(PlaceOrder)", "typeof(Shop.PlaceOrder)").Replace("using System.Text.Json.Serialization.Metadata;\n", "using System.Text.Json.Serialization.Metadata;\nusing Shop;\n"),
            });
}
