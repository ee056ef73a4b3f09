using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using static Estuary.Generators.Tests.GeneratorTestHelper;

namespace Estuary.Generators.Tests.Incrementality;

/// <summary>
/// RunGenerator checks caching after unrelated edits in every test; these tests show that check covers
/// every step, holds for the edit people make most (typing in a method body), and can fail.
/// </summary>
public sealed class PipelineCachingTests
{
    private const string EveryFeature = """
        using System;
        using System.Text.Json.Serialization;
        using System.Threading.Tasks;
        using Estuary;

        namespace Shop.Orders;

        public sealed record PlaceOrder(Guid OrderId);
        public sealed record GetOrder(Guid OrderId);
        public sealed record OrderPlaced(Guid OrderId);

        [MessageName("orders.cancelled")]
        public sealed record OrderCancelled(Guid OrderId);

        [JsonSerializable(typeof(PlaceOrder))]
        internal sealed partial class OrdersJsonContext : JsonSerializerContext;

        public interface IBackOfficeBus : ICommandBus;

        public interface IOrderApi
        {
            [BusinessMethod("orders.place")]
            Task PlaceAsync(PlaceOrder order);
        }

        public sealed class OrderService
        {
            [CommandHandler("orders.place")]
            public async Task PlaceAsync(PlaceOrder command, [Header("user")] string user)
            {
                await Task.Yield();
                Console.WriteLine(user);
            }

            [QueryHandler]
            public int Get(GetOrder query) => 1;

            [EventHandler]
            public Task OnPlacedAsync(OrderPlaced @event) => Task.CompletedTask;

            [Scheduled("orders.cleanup", EveryMilliseconds = 60000)]
            public static void Cleanup() { }
        }

        [Aggregate(Name = "carts")]
        public sealed class Cart
        {
            [Identifier] public Guid CartId { get; set; }
        }

        public interface ICarts
        {
            [Repository] Task<Cart?> FindAsync(Guid cartId);
        }

        public sealed record CartTally(int Carts);

        public interface ICartTallies
        {
            [ProjectionStateGateway("cart_tally")] Task<CartTally?> TallyAsync();
        }

        [NamedEvent("ledger.opened"), Revision(2)]
        public sealed record LedgerOpened(Guid LedgerId);

        [EventSourcingAggregate]
        public sealed class Ledger
        {
            [Identifier] public Guid LedgerId { get; set; }

            [EventSourcingHandler] public void On(LedgerOpened opened) => LedgerId = opened.LedgerId;

            [Upcaster(typeof(LedgerOpened), 1)] public static System.Text.Json.Nodes.JsonObject V1(System.Text.Json.Nodes.JsonObject json) => json;
        }

        public static class Imports
        {
            [MessageConsumer("imports")] public static void Import(LedgerOpened opened) { }
        }

        public static class Policies
        {
            [Before] public static bool Check(object message) => true;
            [Around] public static ValueTask<object?> Wrap(IInvocation invocation) => invocation.ProceedAsync();
            [After] public static void Done(object message) { }
        }
        """;

    [Fact]
    public void Every_tracked_step_runs_when_every_feature_is_used()
    {
        var output = RunGenerator(EveryFeature, withSystemTextJson: true);

        var names = typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!);
        Assert.Equal(names.Order(), output.TrackedSteps.Order());
    }

    [Fact]
    public void Editing_a_handler_body_keeps_every_step_cached_or_unchanged()
    {
        var (second, _) = RunTwice(EveryFeature, "Console.WriteLine(user);", "Console.WriteLine(\"user: \" + user);");

        var rebuilt = Reasons(second).Where(r => r.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged)).ToList();
        Assert.True(rebuilt.Count == 0, "Steps rebuilt after a body edit: " + string.Join(", ", rebuilt));
    }

    [Fact]
    public void Changing_a_handler_signature_rewrites_its_class_endpoints_and_not_the_module()
    {
        var (second, first) = RunTwice(EveryFeature, "[Header(\"user\")] string user)", "[Header(\"user\")] string user, [Header(\"tenant\")] string? tenant)");

        var reasons = Reasons(second);
        Assert.Contains((TrackingNames.Commands, IncrementalStepRunReason.Modified), reasons);
        Assert.Contains((TrackingNames.HandlerTypes, IncrementalStepRunReason.Modified), reasons);
        Assert.DoesNotContain((TrackingNames.Queries, IncrementalStepRunReason.Modified), reasons);

        // A new header parameter is not something the module lists: its summary and the module stay.
        Assert.DoesNotContain((TrackingNames.HandlerSummaries, IncrementalStepRunReason.Modified), reasons);
        Assert.DoesNotContain((TrackingNames.Composition, IncrementalStepRunReason.Modified), reasons);
        Assert.NotEqual(Source(first, "OrderService.Endpoints.g.cs"), Source(second, "OrderService.Endpoints.g.cs"));
        Assert.Equal(Source(first, "OrdersModule.Module.g.cs"), Source(second, "OrdersModule.Module.g.cs"));
    }

    [Fact]
    public void Changing_one_class_signature_reruns_only_that_class_endpoints_output()
    {
        var classes = string.Join("\n", Enumerable.Range(1, 5).Select(i => $$"""
            public sealed record Ping{{i}}(int Id);

            public sealed class Handler{{i}}
            {
                [CommandHandler]
                public void Handle(Ping{{i}} ping, [Header("user")] string user) { }
            }
            """));
        var source = "using Estuary;\n\nnamespace Shop.Orders;\n\n" + classes;
        var (second, first) = RunTwice(source, "Handle(Ping3 ping, [Header(\"user\")] string user)", "Handle(Ping3 ping, [Header(\"user\")] string? user)");

        var types = second.TrackedSteps[TrackingNames.HandlerTypes].SelectMany(step => step.Outputs).ToList();
        var rebuilt = Assert.Single(types, o => o.Reason != IncrementalStepRunReason.Unchanged && o.Reason != IncrementalStepRunReason.Cached);
        Assert.Equal("Handler3", Assert.IsType<HandlerTypeModel>(rebuilt.Value).Type.Name);
        Assert.Equal(5, types.Count);

        // Source outputs: of the five classes' endpoints files, only Handler3's was produced again.
        var produced = second.TrackedOutputSteps.SelectMany(step => step.Value)
            .Where(step => step.Outputs.Any(o => o.Reason is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified))
            .ToList();
        Assert.Single(produced);
        Assert.NotEqual(Source(first, "Handler3.Endpoints.g.cs"), Source(second, "Handler3.Endpoints.g.cs"));
    }

    private static string Source(GeneratorRunResult result, string hintNameEnd) =>
        result.GeneratedSources.Single(s => s.HintName.EndsWith(hintNameEnd, System.StringComparison.Ordinal)).SourceText.ToString();

    private static (GeneratorRunResult Second, GeneratorRunResult First) RunTwice(string source, string find, string replace)
    {
        Assert.Contains(find, source);
        var compilation = TestCompilation.Create(DefaultAssemblyName, source);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new EstuaryGenerator().AsSourceGenerator(), TestCompilation.SystemTextJsonGenerator()],
            parseOptions: TestCompilation.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGenerators(compilation);
        var first = Estuary(driver);

        var tree = compilation.SyntaxTrees.Single();
        var edited = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(source.Replace(find, replace, System.StringComparison.Ordinal)));
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, edited));
        return (Estuary(driver), first);
    }

    private static GeneratorRunResult Estuary(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single(r => r.Generator.GetGeneratorType() == typeof(EstuaryGenerator));

    private static List<(string Step, IncrementalStepRunReason Reason)> Reasons(GeneratorRunResult result) =>
        typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(result.TrackedSteps.ContainsKey)
            .SelectMany(name => result.TrackedSteps[name].SelectMany(step => step.Outputs).Select(o => (name, o.Reason)))
            .Distinct()
            .ToList();
}
