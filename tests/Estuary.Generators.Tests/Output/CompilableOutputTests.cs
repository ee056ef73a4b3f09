using System.Linq;
using Xunit;
using static Estuary.Generators.Tests.GeneratorTestHelper;

namespace Estuary.Generators.Tests.Output;

/// <summary>
/// Valid user code of less common shapes. RunGenerator fails when the generated code has an error, or a
/// warning (which breaks builds with TreatWarningsAsErrors); each test adds what must still be wired.
/// </summary>
public sealed class CompilableOutputTests
{
    private const string Orders = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Estuary;

        namespace Shop.Orders;

        public sealed record PlaceOrder(Guid OrderId);
        public sealed record OrderPlaced(Guid OrderId);
        public sealed record OrderView(Guid OrderId, string State);

        """;

    [Fact]
    public void Around_interceptor_on_synchronous_void_handlers_compiles_without_warnings()
    {
        var output = RunGenerator(Orders + """
            public sealed class OrderService
            {
                [CommandHandler]
                public void Place(PlaceOrder command) { }

                [EventHandler]
                public void OnPlaced(OrderPlaced @event) { }
            }

            public static class Tracing
            {
                [Around]
                public static ValueTask<object?> TraceAsync(IInvocation invocation) => invocation.ProceedAsync();
            }
            """);

        Assert.Equal(2, output.Handlers.Length);
        Assert.Contains("Tracing.TraceAsync", output.File("OrderService.Endpoints.g.cs").Text);
    }

    [Fact]
    public void Around_interceptor_returning_a_plain_Task_yields_compilable_code()
    {
        RunGenerator(Orders + """
            public sealed class OrderService
            {
                [CommandHandler]
                public Task PlaceAsync(PlaceOrder command) => Task.CompletedTask;
            }

            public static class Timing
            {
                // Commands have no result to pass on: a natural way to write a timing wrapper.
                [Around]
                public static async Task TimeAsync(IInvocation invocation)
                {
                    var started = DateTimeOffset.UtcNow;
                    await invocation.ProceedAsync();
                    Console.WriteLine(DateTimeOffset.UtcNow - started);
                }
            }
            """);
    }

    [Fact]
    public void Obsolete_handler_and_message_are_wired_without_obsolete_warnings_in_generated_code()
    {
        var output = RunGenerator(Orders + """
            [Obsolete("Send PlaceOrder instead.")]
            public sealed record PlaceOrderV1(Guid OrderId);

            public sealed class LegacyOrders
            {
                // Still handled while old clients send it; the user silences the warning on their own code.
            #pragma warning disable CS0618
                [CommandHandler]
                [Obsolete("Kept for clients still on v1.")]
                public void Place(PlaceOrderV1 command) { }
            #pragma warning restore CS0618
            }
            """);

        Assert.Equal("Place", Assert.Single(output.Handlers).MethodName);
    }

    [Fact]
    public void Generic_message_types_produce_well_formed_doc_comments()
    {
        var output = RunGenerator(Orders + """
            public sealed record Envelope<T>(T Body, string Sender);

            public sealed class EnvelopeHandlers
            {
                [CommandHandler]
                public void Place(Envelope<PlaceOrder> command) { }

                [QueryHandler]
                public OrderView Get(Envelope<Guid> query) => new(query.Body, "placed");
            }
            """);

        Assert.Equal(2, output.Handlers.Length);
    }

    [Fact]
    public void Array_message_type_is_skipped_because_arrays_have_no_stable_message_name()
    {
        var output = RunGenerator(Orders + """
            public sealed class BatchHandler
            {
                [EventHandler]
                public void OnBatch(OrderPlaced[] batch) { }
            }
            """);

        Assert.Empty(output.Handlers);
    }

    [Fact]
    public void Message_type_named_All_does_not_collide_with_the_registry_list()
    {
        RunGenerator(Orders + """
            /// <summary>Asks every shop to reindex.</summary>
            public sealed record All;

            public sealed class Reindexer
            {
                [CommandHandler]
                public void Reindex(All command) { }
            }
            """);
    }

    [Fact]
    public void Negative_enum_argument_of_a_pointcut_attribute_is_rebuilt_as_valid_code()
    {
        var output = RunGenerator(Orders + """
            public enum Urgency { Low = -1, Normal = 0, High = 1 }

            [AttributeUsage(AttributeTargets.Method)]
            public sealed class UrgencyAttribute(Urgency urgency) : Attribute
            {
                public Urgency Urgency { get; } = urgency;
            }

            public sealed class OrderService
            {
                [CommandHandler]
                [Urgency(Urgency.Low)]
                public void Place(PlaceOrder command) { }
            }

            public static class Triage
            {
                [Before]
                public static void Sort(object message, UrgencyAttribute urgency) { }
            }
            """);

        Assert.Contains("Triage.Sort", output.File("OrderService.Endpoints.g.cs").Text);
    }

    [Fact]
    public void Module_namespace_stays_valid_when_an_assembly_name_segment_starts_with_a_digit()
    {
        RunGenerator(
            Orders + """
            public sealed class OrderService
            {
                [CommandHandler]
                public void Place(PlaceOrder command) { }
            }
            """,
            assemblyName: "Shop.3D.Printing");
    }

    [Fact]
    public void File_local_handler_class_is_skipped_without_errors()
    {
        var output = RunGenerator(Orders + """
            file sealed class LocalOrders
            {
                [CommandHandler]
                public void Place(PlaceOrder command) { }
            }

            public sealed class Notifier
            {
                [EventHandler]
                public void OnPlaced(OrderPlaced @event) { }
            }
            """);

        Assert.DoesNotContain(output.Files, f => f.Text.Contains("LocalOrders", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Business_interface_with_a_method_lacking_BusinessMethod_is_skipped_without_errors()
    {
        RunGenerator(Orders + """
            public interface IOrderApi
            {
                [BusinessMethod("orders.place")]
                Task PlaceAsync(PlaceOrder order);

                // Implemented by hand elsewhere: Estuary cannot implement it.
                Task<int> CountLocalAsync();
            }
            """);
    }

    [Fact]
    public void Business_interface_with_an_unbindable_business_method_is_skipped_without_errors()
    {
        RunGenerator(Orders + """
            public interface IOrderApi
            {
                [BusinessMethod("orders.place")]
                Task PlaceAsync(PlaceOrder order);

                // A Guid payload without [Header] cannot be bound (the analyzers say so).
                [BusinessMethod("orders.find")]
                Task<OrderView> FindAsync(Guid orderId);
            }
            """);
    }

    [Fact]
    public void Business_method_with_optional_headers_compiles_without_nullable_warnings()
    {
        var output = RunGenerator(Orders + """
            public interface IOrderApi
            {
                [BusinessMethod("orders.place")]
                Task PlaceAsync(PlaceOrder order, MessageHeaders? headers = null, CancellationToken cancellationToken = default);
            }
            """);

        Assert.Equal("PlaceAsync", Assert.Single(Assert.Single(output.Composition.BusinessInterfaces).Methods).Declared.Name);
    }

    [Fact]
    public void Keyword_named_parameters_of_business_methods_are_escaped()
    {
        var output = RunGenerator(Orders + """
            public interface IAuditApi
            {
                [BusinessMethod("audit.record")]
                Task RecordAsync(OrderPlaced @event, [Header("class")] string @class, CancellationToken @checked);
            }
            """);

        Assert.Contains("@event", output.File("IAuditApi.BusinessMethods.g.cs").Text);
    }

    [Fact]
    public void Handlers_with_the_same_class_name_in_two_namespaces_get_distinct_members()
    {
        var output = RunGenerator("""
            using Estuary;

            namespace Shop.Orders
            {
                public sealed record Ping;
                public sealed class Handler { [CommandHandler] public void Handle(Ping ping) { } }
            }

            namespace Shop.Billing
            {
                public sealed record Ping;
                public sealed class Handler { [CommandHandler] public void Handle(Ping ping) { } }
            }
            """);

        Assert.Equal(2, output.Files.Count(f => f.HintName.EndsWith("Handler.Endpoints.g.cs", System.StringComparison.Ordinal)));
    }
}
