using System.Threading.Tasks;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.ParameterBindingAnalyzer>;
using VerifyFix = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.ParameterBindingAnalyzer, Estuary.CodeFixes.AddHeaderAttributeCodeFix>;

namespace Estuary.Analyzers.Tests.Handlers;

public sealed class ParameterBindingAnalyzerTests
{
    [Fact]
    public Task A_primitive_parameter_without_header_is_reported_suggesting_one() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public sealed record PlaceOrder(int Id);

            public static class Orders
            {
                [CommandHandler]
                public static void Place(PlaceOrder command, string {|#0:tenant|}) { }
            }
            """,
            VerifyCS.Diagnostic("EST0006").WithLocation(0).WithArguments(
                "tenant",
                "Orders.Place",
                "a string is not a service; add [Header(\"tenant\")] to read it from a message header, or take a service, MessageContext, MessageHeaders or CancellationToken"));

    [Fact]
    public Task Value_types_arrays_delegates_and_ref_parameters_are_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record PlaceOrder(int Id);

            public static class Orders
            {
                [CommandHandler]
                public static void Place(PlaceOrder command, Guid {|EST0006:tenant|}, int[] {|EST0006:lines|}, Action {|EST0006:callback|}, ref PlaceOrder {|EST0006:again|}) { }

                [EventHandler]
                public static void Placed(ref PlaceOrder {|EST0006:placed|}) { }
            }
            """);

    [Fact]
    public Task A_header_without_a_name_is_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public sealed record PlaceOrder(int Id);

            public static class Orders
            {
                [CommandHandler]
                public static void Place(PlaceOrder command, [Header("")] string {|#0:tenant|}) { }
            }
            """,
            VerifyCS.Diagnostic("EST0006").WithLocation(0).WithArguments("tenant", "Orders.Place", "[Header] needs a header name, e.g. [Header(\"tenant\")]"));

    [Fact]
    public Task An_invocation_outside_an_around_interceptor_is_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using System.Threading.Tasks;
            using Estuary;

            public sealed record PlaceOrder(int Id);

            public static class Orders
            {
                [CommandHandler]
                public static void Place(PlaceOrder command, IInvocation {|EST0006:invocation|}) { }

                [Before]
                public static void Check(object message, IInvocation {|EST0006:invocation|}) { }

                [Around]
                public static ValueTask<object?> Time(IInvocation invocation) => invocation.ProceedAsync();
            }
            """);

    [Fact]
    public Task Services_headers_context_and_token_are_bindable() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using System.Threading;
            using Estuary;

            public sealed record PlaceOrder(int Id);
            public sealed class OrderBook { }
            public interface IClock { }

            [AttributeUsage(AttributeTargets.Method)]
            public sealed class AuditedAttribute : Attribute { }

            public static class Orders
            {
                [CommandHandler]
                [Audited]
                public static void Place(PlaceOrder command, OrderBook book, IClock clock, [Header("user")] string user, [Header("tenant")] Guid? tenant,
                    MessageContext context, MessageHeaders headers, CancellationToken cancellationToken) { }

                [QueryHandler("orders.count")]
                public static int Count(OrderBook book) => 0;

                [Before]
                public static bool Check(int message, AuditedAttribute audited, [Header("user")] string? user) => user is not null;
            }
            """);

    [Fact]
    public Task Adding_a_header_binds_the_parameter_to_the_header_of_its_name() =>
        VerifyFix.CodeFixAsync(
            """
            using Estuary;

            public sealed record PlaceOrder(int Id);

            public static class Orders
            {
                [CommandHandler]
                public static void Place(PlaceOrder command, string {|EST0006:tenant|}) { }
            }
            """,
            """
            using Estuary;

            public sealed record PlaceOrder(int Id);

            public static class Orders
            {
                [CommandHandler]
                public static void Place(PlaceOrder command, [Header("tenant")] string tenant) { }
            }
            """);

    [Fact]
    public Task Adding_a_header_without_a_using_directive_qualifies_the_attribute() =>
        VerifyFix.CodeFixAsync(
            """
            public sealed record PlaceOrder(int Id);

            public static class Orders
            {
                [Estuary.CommandHandler]
                public static void Place(PlaceOrder command, int {|EST0006:priority|}) { }
            }
            """,
            """
            public sealed record PlaceOrder(int Id);

            public static class Orders
            {
                [Estuary.CommandHandler]
                public static void Place(PlaceOrder command, [Estuary.Header("priority")] int priority) { }
            }
            """);

    [Fact]
    public Task Array_and_delegate_messages_are_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using System;
            using Estuary;

            public sealed record OrderPlaced(int Id);

            public static class Orders
            {
                [EventHandler]
                public static void OnBatch(OrderPlaced[] {|#0:batch|}) { }

                [EventHandler]
                public static void OnCallback(Action {|#1:callback|}) { }
            }
            """,
            VerifyCS.Diagnostic("EST0006").WithLocation(0).WithArguments("batch", "Orders.OnBatch", "an array cannot be a message; take a class, record or struct"),
            VerifyCS.Diagnostic("EST0006").WithLocation(1).WithArguments("callback", "Orders.OnCallback", "a delegate cannot be a message; take a class, record or struct"));
}
