using System;
using Xunit;
using static Estuary.Generators.Tests.GeneratorTestHelper;

namespace Estuary.Generators.Tests.Models;

/// <summary>
/// Handlers the generator cannot wire are left out silently (STYLE 5: the analyzers report them).
/// Each source also has a valid handler, so the test shows the generator ran and skipped only one.
/// RunGenerator fails on any generator diagnostic or compile error.
/// </summary>
public sealed class SkippedHandlerTests
{
    [Fact]
    public void Private_handler_method_is_skipped_without_diagnostics() =>
        AssertSkipped("""
            public sealed class Invalid
            {
                [CommandHandler]
                private void Place(PlaceOrder command) { }

                public void Use() => Place(new PlaceOrder(Guid.Empty));
            }
            """);

    [Fact]
    public void Generic_handler_method_is_skipped_without_diagnostics() =>
        AssertSkipped("""
            public sealed class Invalid
            {
                [CommandHandler]
                public void Place<TCommand>(TCommand command) { }
            }
            """);

    [Fact]
    public void Handler_in_a_generic_class_is_skipped_without_diagnostics() =>
        AssertSkipped("""
            public sealed class Invalid<TStore>
            {
                [CommandHandler]
                public void Place(PlaceOrder command) { }
            }
            """);

    [Fact]
    public void Query_handler_returning_void_is_skipped_without_diagnostics() =>
        AssertSkipped("""
            public sealed class Invalid
            {
                [QueryHandler]
                public void Get(GetOrder query) { }
            }
            """);

    [Fact]
    public void Query_handler_returning_a_plain_Task_is_skipped_without_diagnostics() =>
        AssertSkipped("""
            public sealed class Invalid
            {
                [QueryHandler]
                public Task GetAsync(GetOrder query) => Task.CompletedTask;
            }
            """);

    [Fact]
    public void Handler_with_unbindable_parameter_is_skipped_without_diagnostics() =>
        AssertSkipped("""
            public sealed class Invalid
            {
                // An int is never a service: without [Header] it cannot be bound.
                [CommandHandler]
                public void Place(PlaceOrder command, int retries) { }
            }
            """);

    [Fact]
    public void Handler_without_message_parameter_is_skipped_without_diagnostics() =>
        AssertSkipped("""
            public sealed class Invalid
            {
                [CommandHandler]
                public void Place() { }
            }
            """);

    [Fact]
    public void Handler_with_header_of_empty_name_is_skipped_without_diagnostics() =>
        AssertSkipped("""
            public sealed class Invalid
            {
                [CommandHandler]
                public void Place(PlaceOrder command, [Header("")] string user) { }
            }
            """);

    [Fact]
    public void Handler_with_ref_message_is_skipped_without_diagnostics() =>
        AssertSkipped("""
            public sealed class Invalid
            {
                [CommandHandler]
                public void Place(ref PlaceOrder command) { }
            }
            """);

    [Fact]
    public void Instance_handler_of_an_abstract_class_is_skipped_without_diagnostics() =>
        AssertSkipped("""
            public abstract class Invalid
            {
                [CommandHandler]
                public void Place(PlaceOrder command) { }
            }
            """);

    [Fact]
    public void Handler_nested_in_a_private_class_is_skipped_without_diagnostics() =>
        AssertSkipped("""
            public sealed class Outer
            {
                private sealed class Invalid
                {
                    [CommandHandler]
                    public void Place(PlaceOrder command) { }
                }
            }
            """);

    private static void AssertSkipped(string invalidHandler)
    {
        var output = RunGenerator($$"""
            using System;
            using System.Threading.Tasks;
            using Estuary;

            namespace Shop.Orders;

            public sealed record PlaceOrder(Guid OrderId);
            public sealed record GetOrder(Guid OrderId);
            public sealed record OrderPlaced(Guid OrderId);

            public sealed class Valid
            {
                [EventHandler]
                public void OnPlaced(OrderPlaced @event) { }
            }

            {{invalidHandler}}
            """);

        Assert.Equal("Valid", Assert.Single(output.Handlers).DeclaringType.Name);
        Assert.DoesNotContain(output.Files, f => f.Text.Contains("Invalid", StringComparison.Ordinal));
        Assert.Contains(output.Files, f => f.HintName.EndsWith("Valid.Endpoints.g.cs", StringComparison.Ordinal));
        Assert.Single(output.Files, f => f.HintName.EndsWith(".Endpoints.g.cs", StringComparison.Ordinal));
    }
}
