using Xunit;
using static Estuary.Generators.Tests.GeneratorTestHelper;

namespace Estuary.Generators.Tests.Output;

/// <summary>Golden-file tests of interceptor weaving into endpoints and gateways.</summary>
public sealed class InterceptorOutputTests
{
    [Fact]
    public void Before_around_and_after_interceptors_are_woven_in_precedence_order()
    {
        var output = RunGenerator("""
            using System;
            using System.Diagnostics;
            using System.Threading.Tasks;
            using Estuary;

            namespace Shop.Orders;

            public sealed record PlaceOrder(Guid OrderId, string Product);
            public sealed record GetOrder(Guid OrderId);
            public sealed record OrderView(Guid OrderId, string State);

            public sealed class OrderService
            {
                [CommandHandler]
                public Task PlaceAsync(PlaceOrder command, [Header("user")] string user) => Task.CompletedTask;

                [QueryHandler]
                public OrderView Get(GetOrder query) => new(query.OrderId, "placed");
            }

            public interface IClock { DateTimeOffset Now { get; } }

            public sealed class Pipeline(IClock clock)
            {
                // Stops the flow when there is no user header.
                [Before(Precedence = 1)]
                public bool RequireUser(object message, [Header("user")] string? user) => user is not null;

                // Adds a header every later step (and everything the handler sends) sees.
                [Before(Precedence = 2, ChangeHeaders = true)]
                public MessageHeaders Stamp(MessageContext context) => new() { ["received-at"] = clock.Now };

                // Only for PlaceOrder: the message parameter's type narrows where it applies.
                [Before(Precedence = 3)]
                public ValueTask<bool> CheckStockAsync(PlaceOrder command) => ValueTask.FromResult(true);

                [Around]
                public async ValueTask<object?> TimeAsync(IInvocation invocation)
                {
                    var started = Stopwatch.GetTimestamp();
                    var result = await invocation.ProceedAsync();
                    Console.WriteLine($"{invocation.EndpointName}: {Stopwatch.GetElapsedTime(started)}");
                    return result;
                }

                [After]
                public void Log(object message, MessageHeaders headers) => Console.WriteLine(message);
            }

            public static class Retries
            {
                [Around(Precedence = -1)]
                public static object? Once(IInvocation invocation) => invocation.ProceedAsync().AsTask().GetAwaiter().GetResult();

                [After]
                public static Task FlushAsync(MessageContext context) => Task.CompletedTask;
            }
            """);

        Baselines.Verify(output);
    }

    [Fact]
    public void Attribute_pointcut_passes_the_handlers_attribute_with_its_arguments()
    {
        var output = RunGenerator("""
            using System;
            using Estuary;

            namespace Shop.Billing;

            public enum Sensitivity { Low, High }

            [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
            public sealed class AuditedAttribute(string area, params string[] tags) : Attribute
            {
                public string Area { get; } = area;
                public string[] Tags { get; } = tags;
                public Sensitivity Sensitivity { get; set; }
                public Type? Reviewer { get; set; }
                public double Threshold { get; set; }
            }

            [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
            public sealed class TracedAttribute : Attribute;

            public sealed record IssueInvoice(Guid InvoiceId, decimal Amount);
            public sealed record VoidInvoice(Guid InvoiceId);
            public sealed record InvoiceIssued(Guid InvoiceId);
            public sealed class FinanceTeam;

            [Audited("billing")]
            public sealed class InvoiceHandlers
            {
                // The method's attribute wins over the class's.
                [CommandHandler]
                [Audited("invoices", "gdpr", "sox", Sensitivity = Sensitivity.High, Reviewer = typeof(FinanceTeam), Threshold = 0.5)]
                public void Issue(IssueInvoice command) { }

                // Inherits [Audited("billing")] from the class.
                [CommandHandler]
                public void Void(VoidInvoice command) { }

                // Not audited, only traced: the explicit pointcut below selects it.
                [EventHandler]
                [Traced]
                public static void OnIssued(InvoiceIssued @event) { }
            }

            public static class Audit
            {
                // Pointcut from the parameter: handlers carrying [Audited] receive it.
                [Before]
                public static void Record(object message, AuditedAttribute audited) => Console.WriteLine(audited.Area);

                // Explicit pointcut without taking the attribute.
                [After(Pointcut = typeof(TracedAttribute))]
                public static void Trace(object message) => Console.WriteLine(message);
            }
            """);

        Baselines.Verify(output);
    }

    [Fact]
    public void Namespace_and_type_pointcuts_select_handlers_by_location()
    {
        var output = RunGenerator("""
            using System;
            using Estuary;

            namespace Shop.Billing
            {
                public interface IBillingHandler;

                public sealed record ChargeCard(Guid PaymentId);

                public sealed class CardHandler : IBillingHandler
                {
                    [CommandHandler]
                    public void Charge(ChargeCard command) { }
                }
            }

            namespace Shop.Billing.Refunds
            {
                public sealed record IssueRefund(Guid PaymentId);

                public abstract class RefundHandlerBase;

                public sealed class RefundHandler : RefundHandlerBase
                {
                    [CommandHandler]
                    public void Refund(IssueRefund command) { }
                }
            }

            namespace Shop.Shipping
            {
                public sealed record Ship(Guid OrderId);

                public sealed class ShippingHandler
                {
                    [CommandHandler]
                    public void Handle(Ship command) { }
                }

                public static class Policies
                {
                    // Shop.Billing and everything below it.
                    [Before(Namespace = "Shop.Billing.*")]
                    public static void BillingOnly(object message) { }

                    // Exactly the namespace, and its children, without the wildcard.
                    [After(Namespace = "Shop.Shipping")]
                    public static void ShippingOnly(object message) { }

                    // Handlers declared in a class implementing the interface.
                    [Before(Pointcut = typeof(Shop.Billing.IBillingHandler))]
                    public static void ByInterface(object message) { }

                    // Handlers declared in a class deriving from the base class.
                    [After(Pointcut = typeof(Shop.Billing.Refunds.RefundHandlerBase))]
                    public static void ByBaseClass(object message) { }
                }
            }
            """);

        Baselines.Verify(output);
    }

    [Fact]
    public void Gateway_deriving_from_ICommandBus_runs_its_bus_pointcut_interceptors()
    {
        var output = RunGenerator("""
            using System;
            using System.Threading.Tasks;
            using Estuary;

            namespace Shop.Orders;

            public sealed record PlaceOrder(Guid OrderId);

            /// <summary>The bus the storefront sends through: every command is checked and stamped.</summary>
            public interface IStorefrontBus : ICommandBus;

            /// <summary>A bus for back-office tools: no interceptors of its own.</summary>
            public interface IBackOfficeBus : ICommandBus, IQueryBus;

            public sealed class OrderService
            {
                [CommandHandler]
                public void Place(PlaceOrder command) { }
            }

            public static class StorefrontPolicy
            {
                [Before(Pointcut = typeof(IStorefrontBus))]
                public static bool RequireUser(object message, [Header("user")] string? user) => user is not null;

                [Before(Pointcut = typeof(IStorefrontBus), ChangeHeaders = true, Precedence = 1)]
                public static MessageHeaders AddChannel(object message) => new() { ["channel"] = "web" };

                [Before(Pointcut = typeof(IStorefrontBus), Precedence = 2)]
                public static ValueTask<bool> CheckOrderAsync(PlaceOrder order) => ValueTask.FromResult(order.OrderId != Guid.Empty);

                [After(Pointcut = typeof(IStorefrontBus))]
                public static Task SentAsync(object message, MessageHeaders headers) => Task.CompletedTask;
            }
            """);

        Baselines.Verify(output);
    }
}
