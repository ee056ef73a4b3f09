using System.Linq;
using System.Threading.Tasks;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.AsynchronousQueryAnalyzer>;

namespace Estuary.Analyzers.Tests.Asynchronous;

public sealed class AsynchronousQueryAnalyzerTests
{
    [Fact]
    public Task Query_handler_with_Asynchronous_is_reported_on_the_attribute() =>
        VerifyCS.AnalyzerAsync(
            """
            using System.Threading.Tasks;
            using Estuary;

            public sealed record GetStock(int Sku);

            public static class Stock
            {
                [{|#0:Asynchronous("stock")|}]
                [QueryHandler]
                public static Task<int> Count(GetStock query) => Task.FromResult(1);
            }
            """,
            VerifyCS.Diagnostic("EST0017").WithLocation(0).WithArguments(
                "Stock.Count",
                "remove [Asynchronous], or, if the work must run later, make it an asynchronous [CommandHandler] that publishes the answer as an event"));

    [Fact]
    public Task Query_handler_in_an_asynchronous_class_is_reported_on_its_name() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public sealed record ReserveStock(int Sku);
            public sealed record GetStock(int Sku);

            [Asynchronous("stock")]
            public static class Stock
            {
                [CommandHandler]
                public static void Reserve(ReserveStock command) { }

                [QueryHandler("stock.count")]
                public static int {|#0:Count|}(GetStock query) => 1;
            }
            """,
            VerifyCS.Diagnostic("EST0017").WithLocation(0).WithArguments(
                "Stock.Count",
                "move it to a class without [Asynchronous], 'Stock' has one and it applies to every handler in the class"));

    [Fact]
    public Task Synchronous_queries_and_asynchronous_commands_and_events_are_not_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public sealed record ReserveStock(int Sku);
            public sealed record StockReserved(int Sku);
            public sealed record GetStock(int Sku);

            public static class Stock
            {
                [QueryHandler]
                public static int Count(GetStock query) => 1;

                [Asynchronous("stock")]
                [CommandHandler]
                public static void Reserve(ReserveStock command) { }

                [Asynchronous("stock")]
                [EventHandler]
                public static void Audit(StockReserved reserved) { }
            }
            """);

    [Fact]
    public void The_generator_skips_the_asynchronous_query_handler_it_reports()
    {
        var compilation = CSharpCompilation.Create(
            "Shop",
            new[]
            {
                CSharpSyntaxTree.ParseText(
                    """
                    using Estuary;

                    namespace Shop;

                    public sealed record GetStock(int Sku);
                    public sealed record GetPrice(int Sku);

                    public static class Stock
                    {
                        [QueryHandler]
                        public static int Count(GetStock query) => 1;

                        [Asynchronous("stock")]
                        [QueryHandler]
                        public static decimal Price(GetPrice query) => 1m;
                    }
                    """),
            },
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var generated = string.Join(
            "\n",
            CSharpGeneratorDriver.Create(new EstuaryGenerator()).RunGenerators(compilation).GetRunResult().GeneratedTrees.Select(t => t.ToString()));

        Assert.Contains("Wires <c>Shop.Stock.Count(", generated, System.StringComparison.Ordinal);
        Assert.DoesNotContain("Shop.Stock.Price", generated, System.StringComparison.Ordinal);
    }
}
