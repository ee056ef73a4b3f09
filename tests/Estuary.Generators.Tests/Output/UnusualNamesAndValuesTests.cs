using System.Linq;
using Xunit;
using static Estuary.Generators.Tests.GeneratorTestHelper;

namespace Estuary.Generators.Tests.Output;

/// <summary>
/// Valid programs whose names or values collide with C# syntax or with the generated code's own names.
/// RunGenerator fails when the generator throws, reports a diagnostic, or its output has an error or
/// a warning; each test then checks that the handler was really wired.
/// </summary>
public sealed class UnusualNamesAndValuesTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Estuary;

        namespace Shop.Orders;

        """;

    [Fact]
    public void A_handler_class_named_with_a_keyword_is_wired_and_names_a_valid_file()
    {
        var output = RunGenerator(Usings + """
            public sealed record PlaceOrder(Guid OrderId);

            public sealed class @class
            {
                [CommandHandler]
                public void Handle(PlaceOrder command) { }
            }
            """);

        var handler = Assert.Single(output.Handlers);
        Assert.DoesNotContain(output.Files, file => file.HintName.Contains('@'));
        Assert.Contains("@class", output.Files.Single(f => f.HintName.Contains("class", System.StringComparison.Ordinal) && f.HintName.Contains("Endpoints")).Text);
        Assert.Equal("Handle", handler.MethodName);
    }

    [Fact]
    public void Handler_classes_whose_names_differ_in_case_or_by_dots_and_underscores_get_distinct_files_and_holders()
    {
        var output = RunGenerator(Usings + """
            public sealed record PlaceOrder(Guid OrderId);
            public sealed record CancelOrder(Guid OrderId);
            public sealed record ShipOrder(Guid OrderId);
            public sealed record BillOrder(Guid OrderId);

            public sealed class Handler
            {
                [CommandHandler]
                public void Handle(PlaceOrder command) { }
            }

            public sealed class handler
            {
                [CommandHandler]
                public void Handle(CancelOrder command) { }
            }

            public sealed class A_B
            {
                public sealed class C
                {
                    [CommandHandler]
                    public void Handle(ShipOrder command) { }
                }
            }

            public sealed class A
            {
                public sealed class B_C
                {
                    [CommandHandler]
                    public void Handle(BillOrder command) { }
                }
            }
            """);

        // Hint names ignore case: the two files that would both be ...Handler.Endpoints are told apart by a hash.
        var endpointFiles = output.Files.Where(f => f.HintName.EndsWith(".Endpoints.g.cs", System.StringComparison.Ordinal)).Select(f => f.HintName.ToUpperInvariant()).ToList();
        Assert.Equal(4, endpointFiles.Distinct().Count());
        var module = output.File("OrdersModule.Module.g.cs").Text;
        Assert.Contains("Shop_Orders_HandlerEndpoints.Handle,", module);
        Assert.Contains("Shop_Orders_handlerEndpoints.Handle,", module);
        Assert.Contains("Shop_Orders_A__B_CEndpoints.Handle,", module);
        Assert.Contains("Shop_Orders_A_B__CEndpoints.Handle,", module);
    }

    [Fact]
    public void A_message_type_named_with_a_keyword_is_escaped_wherever_it_is_emitted()
    {
        var output = RunGenerator(Usings + """
            public sealed record @event(Guid OrderId);
            public sealed record @string(Guid OrderId);

            public sealed class Audit
            {
                [EventHandler]
                public void On(@event happened) { }

                [QueryHandler]
                public int Count(@string query) => 1;
            }

            public static class Tracing
            {
                [Before]
                public static void Trace(object message) { }
            }
            """);

        Assert.Equal(2, output.Handlers.Length);
    }

    [Fact]
    public void Attribute_arguments_that_are_not_plain_numbers_are_emitted_as_valid_constants()
    {
        var output = RunGenerator(Usings + """
            public sealed record PlaceOrder(Guid OrderId);

            public enum Level { Low, High }

            [AttributeUsage(AttributeTargets.Method)]
            public sealed class LimitAttribute(double maximum, float ratio, char mark, Level level, object? boxed, params double[] steps) : Attribute
            {
                public double Maximum { get; } = maximum;
                public double Minimum { get; set; }
                public long Big { get; set; }
                public Type? Kind { get; set; }
            }

            public sealed class OrderService
            {
                [CommandHandler]
                [Limit(double.NaN, float.PositiveInfinity, '\'', (Level)7, 'x', double.NegativeInfinity, double.Epsilon, -0.0,
                    Minimum = double.MinValue, Big = long.MinValue, Kind = typeof(PlaceOrder))]
                public void Place(PlaceOrder command) { }
            }

            public static class Limits
            {
                [Before]
                public static void Check(object message, LimitAttribute limit) { }
            }
            """);

        var endpoints = output.File("OrderService.Endpoints.g.cs").Text;
        Assert.Contains("double.NaN", endpoints);
        Assert.Contains("float.PositiveInfinity", endpoints);
        Assert.Contains("double.NegativeInfinity", endpoints);
        Assert.DoesNotContain("NaNd", endpoints);
    }

    [Fact]
    public void Business_method_parameters_named_like_generated_locals_do_not_clash()
    {
        var output = RunGenerator(Usings + """
            public sealed record PlaceOrder(Guid OrderId);

            public sealed class OrderService
            {
                [CommandHandler("order.place")]
                public Guid Place(PlaceOrder command) => command.OrderId;
            }

            public interface IOrderApi
            {
                [BusinessMethod("order.place")]
                Task<Guid> PlaceAsync(PlaceOrder result, [Header("runtime")] string _runtime, [Header("headers")] string headers, CancellationToken cancellationToken = default);
            }
            """);

        Assert.Contains("IOrderApi", string.Join("\n", output.Files.Select(f => f.Text)));
    }

    [Fact]
    public void Two_typed_after_interceptors_on_one_gateway_compile()
    {
        RunGenerator(Usings + """
            public sealed record PlaceOrder(Guid OrderId);

            public interface IAdminCommandBus : ICommandBus;

            public sealed class OrderService
            {
                [CommandHandler]
                public void Place(PlaceOrder command) { }
            }

            public static class AdminAudit
            {
                [After(Pointcut = typeof(IAdminCommandBus))]
                public static void First(PlaceOrder command) { }

                [After(Pointcut = typeof(IAdminCommandBus))]
                public static void Second(PlaceOrder command) { }
            }
            """);
    }

    [Fact]
    public void A_nullable_struct_message_with_interceptors_compiles()
    {
        var output = RunGenerator(Usings + """
            public readonly record struct OrderPlaced(Guid OrderId);

            public sealed class Shipping
            {
                [EventHandler]
                public void On(OrderPlaced? placed) { }
            }

            public static class Tracing
            {
                [Before]
                public static void Trace(object message) { }

                [After]
                public static void Typed(OrderPlaced placed) { }
            }
            """);

        Assert.Single(output.Handlers);
    }

    [Fact]
    public void Only_interceptors_that_accept_a_null_message_wrap_a_handler_without_one()
    {
        var output = RunGenerator(Usings + """
            public sealed record OrderPlaced(Guid OrderId);

            public sealed class Everything
            {
                [EventHandler("*")]
                public void OnAny(MessageContext context) { }

                [EventHandler]
                public void OnPlaced(OrderPlaced placed) { }
            }

            public static class Tracing
            {
                [Before]
                public static void NeedsMessage(object message) { }

                [After]
                public static void AcceptsNone(object? message, MessageHeaders headers) { }
            }
            """);

        var endpoints = output.File("Everything.Endpoints.g.cs").Text;
        var withoutMessage = endpoints.Substring(0, endpoints.IndexOf("class OnPlacedEndpoint", System.StringComparison.Ordinal));
        var withMessage = endpoints.Substring(withoutMessage.Length);
        Assert.DoesNotContain("Tracing.NeedsMessage", withoutMessage);
        Assert.Contains("Tracing.AcceptsNone", withoutMessage);
        Assert.Contains("Tracing.NeedsMessage", withMessage);
        Assert.Contains("Tracing.AcceptsNone", withMessage);
    }

    [Fact]
    public void A_business_method_with_a_Guid_or_struct_payload_is_implemented()
    {
        var output = RunGenerator(Usings + """
            public readonly record struct OrderNumber(int Value);
            public sealed record OrderStatus(string State);

            public sealed class OrderQueries
            {
                [QueryHandler("order.status")]
                public OrderStatus Status(Guid orderId) => new("placed");

                [QueryHandler("order.by-number")]
                public OrderStatus ByNumber(OrderNumber number) => new("placed " + number.Value);
            }

            public interface IOrderApi
            {
                [BusinessMethod("order.status")]
                Task<OrderStatus> StatusAsync(Guid orderId);

                [BusinessMethod("order.by-number")]
                Task<OrderStatus> ByNumberAsync(OrderNumber number);
            }
            """);

        var business = output.File("IOrderApi.BusinessMethods.g.cs").Text;
        Assert.Contains("SendRoutedAsync(\"order.status\", orderId,", business);
        Assert.Contains("SendRoutedAsync(\"order.by-number\", number,", business);
    }
}
