using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using VerifyCS = Estuary.Analyzers.Tests.Verify<Estuary.Analyzers.PointcutAnalyzer>;

namespace Estuary.Analyzers.Tests.Interceptors;

public sealed class PointcutAnalyzerTests
{
    private const string Handlers = """
        using System;
        using Estuary;

        namespace Shop.Orders
        {
            [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
            public sealed class AuditedAttribute : Attribute { }

            [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
            public sealed class RetriedAttribute : Attribute { }

            public interface IOrderCommand { }
            public sealed record PlaceOrder(int Id) : IOrderCommand;
            public sealed record Refund(int Id);

            public abstract class OrderHandlers { }

            public sealed class OrderService : OrderHandlers
            {
                [CommandHandler]
                [Audited]
                public void Place(PlaceOrder command) { }
            }
        }
        """;

    [Fact]
    public Task An_attribute_pointcut_no_handler_carries_is_reported() =>
        VerifyCS.AnalyzerAsync(
            new[]
            {
                Handlers,
                """
                using Estuary;
                using Shop.Orders;

                public static class Retries
                {
                    [{|#0:Around|}]
                    public static System.Threading.Tasks.ValueTask<object?> Retry(IInvocation invocation, RetriedAttribute retried) => invocation.ProceedAsync();

                    [{|#1:Before(Pointcut = typeof(RetriedAttribute))|}]
                    public static void Check(object message) { }
                }
                """,
            },
            Warning().WithLocation(0).WithArguments("Retries.Retry", "no handler is marked [Retried]"),
            Warning().WithLocation(1).WithArguments("Retries.Check", "no handler is marked [Retried]"));

    [Fact]
    public Task Type_namespace_and_message_narrowing_that_selects_nothing_is_reported() =>
        VerifyCS.AnalyzerAsync(
            new[]
            {
                Handlers,
                """
                using Estuary;
                using Shop.Orders;

                public static class Narrow
                {
                    [{|#0:Before(Pointcut = typeof(Narrow))|}]
                    public static void ByType(object message) { }

                    [{|#1:Before(Namespace = "Shop.Billing")|}]
                    public static void ByNamespace(object message) { }

                    [{|#2:After|}]
                    public static void ByMessage(Refund message) { }

                    [{|#3:After(Namespace = "Shop.*")|}]
                    public static void Both(Refund message, AuditedAttribute audited) { }
                }
                """,
            },
            Warning().WithLocation(0).WithArguments("Narrow.ByType", "no handler is declared in 'Narrow' or a type deriving from it"),
            Warning().WithLocation(1).WithArguments("Narrow.ByNamespace", "no handler is in namespace 'Shop.Billing'"),
            Warning().WithLocation(2).WithArguments("Narrow.ByMessage", "no handler takes a 'Refund'"),
            Warning().WithLocation(3).WithArguments("Narrow.Both", "no handler is marked [Audited] and is in namespace 'Shop.*' and takes a 'Refund'"));

    [Fact]
    public Task Pointcuts_that_select_a_handler_are_not_reported() =>
        VerifyCS.AnalyzerAsync(
            new[]
            {
                Handlers,
                """
                using Estuary;
                using Shop.Orders;

                public static class Broad
                {
                    [Before]
                    public static void Everything(object message) { }

                    [Before(Pointcut = typeof(OrderHandlers), Namespace = "Shop.*")]
                    public static void ByBaseType(object message) { }

                    [After(Pointcut = typeof(AuditedAttribute))]
                    public static void ByAttribute(IOrderCommand message) { }

                    [After(Namespace = "Shop")]
                    public static void ByParentNamespace(PlaceOrder message, AuditedAttribute audited) { }
                }
                """,
            });

    [Fact]
    public Task An_interceptor_in_a_project_without_handlers_is_reported() =>
        VerifyCS.AnalyzerAsync(
            """
            using Estuary;

            public static class Audit
            {
                [{|#0:Before|}]
                public static void Check(object message) { }
            }
            """,
            Warning().WithLocation(0).WithArguments("Audit.Check", "this project has no handlers to wrap (interceptors apply to the handlers of their own project)"));

    [Fact]
    public Task A_bus_pointcut_without_a_gateway_is_reported_and_one_with_a_gateway_is_not() =>
        VerifyCS.AnalyzerAsync(
            """
            using System.Threading.Tasks;
            using Estuary;

            public interface IOrdersBus : ICommandBus { }

            public static class Outgoing
            {
                [Before(Pointcut = typeof(IOrdersBus))]
                public static void ToOrders(object message) { }

                [After(Pointcut = typeof(ICommandBus))]
                public static void ToAnyCommandBus(object message) { }

                [{|#0:Before(Pointcut = typeof(IQueryBus))|}]
                public static void ToQueries(object message) { }

                [{|#1:Around(Pointcut = typeof(IOrdersBus))|}]
                public static ValueTask<object?> Around(IInvocation invocation) => invocation.ProceedAsync();
            }
            """,
            Warning().WithLocation(0).WithArguments("Outgoing.ToQueries", "no gateway interface is 'IQueryBus' or derives from it"),
            Warning().WithLocation(1).WithArguments("Outgoing.Around", "gateways run only [Before] and [After] interceptors, so an [Around] with bus pointcut 'IOrdersBus' never runs; use [Before] or [After]"));

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Warning() => VerifyCS.Diagnostic("EST0008").WithSeverity(DiagnosticSeverity.Warning);

    [Fact]
    public Task Interceptors_the_generator_does_not_weave_are_left_to_their_own_diagnostics() =>
        VerifyCS.AnalyzerAsync(
            new[]
            {
                Handlers,
                """
                using Estuary;
                using Shop.Orders;

                public static class Unwoven
                {
                    // EST0006: an empty header name; not a message narrowing to string handlers.
                    [Before]
                    public static void Tenant([Header("")] string tenant) { }

                    // EST0009: an [Around] must return the handler's result.
                    [Around(Pointcut = typeof(RetriedAttribute))]
                    public static void Retry(IInvocation invocation) { }

                    // EST0009: ChangeHeaders needs MessageHeaders back.
                    [Before(Pointcut = typeof(RetriedAttribute), ChangeHeaders = true)]
                    public static bool Stamp(object message) => true;
                }
                """,
            });
}
