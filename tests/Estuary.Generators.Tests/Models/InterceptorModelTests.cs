using System.Linq;
using Estuary.SourceGeneration;
using Xunit;
using static Estuary.Generators.Tests.GeneratorTestHelper;

namespace Estuary.Generators.Tests.Models;

/// <summary>What the interceptor parser records: pointcut kinds, narrowing, options, and what it skips.</summary>
public sealed class InterceptorModelTests
{
    private const string Types = """
        using System;
        using System.Threading.Tasks;
        using Estuary;

        namespace Shop.Policies;

        public sealed record PlaceOrder(Guid OrderId);
        public sealed class AuditedAttribute : Attribute;
        public sealed class TracedAttribute : Attribute;
        public interface IBillingHandler;
        public abstract class HandlerBase;

        // A bus the user implements by hand (it has a member), so no gateway is generated for it.
        public interface IStorefrontBus : ICommandBus { ValueTask FlushAsync(); }

        """;

    [Fact]
    public void Pointcut_kind_follows_the_pointcut_type_or_the_attribute_parameter()
    {
        var output = RunGenerator(Types + """
            public static class Policies
            {
                [Before] public static void Everywhere(object message) { }
                [Before] public static void ByParameter(object message, AuditedAttribute audited) { }
                [Before(Pointcut = typeof(TracedAttribute))] public static void ByAttribute(object message) { }
                [Before(Pointcut = typeof(IBillingHandler))] public static void ByInterface(object message) { }
                [Before(Pointcut = typeof(HandlerBase))] public static void ByBaseClass(object message) { }
                [Before(Pointcut = typeof(IStorefrontBus))] public static void ByGateway(object message) { }
                [Before(Pointcut = typeof(ICommandBus))] public static void ByBus(object message) { }
            }
            """);

        Assert.Equal(
            new (string, PointcutKind, string?)[]
            {
                ("ByAttribute", PointcutKind.Attribute, "global::Shop.Policies.TracedAttribute"),
                ("ByBaseClass", PointcutKind.Type, "global::Shop.Policies.HandlerBase"),
                ("ByBus", PointcutKind.Bus, "global::Estuary.ICommandBus"),
                ("ByGateway", PointcutKind.Bus, "global::Shop.Policies.IStorefrontBus"),
                ("ByInterface", PointcutKind.Type, "global::Shop.Policies.IBillingHandler"),
                ("ByParameter", PointcutKind.Attribute, "global::Shop.Policies.AuditedAttribute"),
                ("Everywhere", PointcutKind.All, null),
            },
            output.Composition.Interceptors.OrderBy(i => i.MethodName, System.StringComparer.Ordinal).Select(i => (i.MethodName, i.Pointcut, i.PointcutType)));
    }

    [Fact]
    public void Kind_precedence_namespace_header_changes_and_message_narrowing_are_recorded()
    {
        var output = RunGenerator(Types + """
            public sealed class Policies
            {
                [Before(Precedence = 5, Namespace = "Shop.Billing.*")]
                public bool Check(PlaceOrder order) => true;

                [Before(ChangeHeaders = true)]
                public ValueTask<MessageHeaders> StampAsync(object message) => new(new MessageHeaders());

                [Around(Precedence = -1)]
                public ValueTask<object?> WrapAsync(IInvocation invocation) => invocation.ProceedAsync();

                [After]
                public void Done(object message) { }
            }
            """);

        Assert.Equal(
            new (string, InterceptorKind, int, string?, bool, ReturnKind, string?)[]
            {
                ("Check", InterceptorKind.Before, 5, "Shop.Billing.*", false, ReturnKind.Value, "global::Shop.Policies.PlaceOrder"),
                ("StampAsync", InterceptorKind.Before, 0, null, true, ReturnKind.ValueTaskOfT, null),
                ("WrapAsync", InterceptorKind.Around, -1, null, false, ReturnKind.ValueTaskOfT, null),
                ("Done", InterceptorKind.After, 0, null, false, ReturnKind.Void, null),
            },
            output.Composition.Interceptors.Select(i => (i.MethodName, i.Kind, i.Precedence, i.Namespace, i.ChangeHeaders, i.Return, i.MessageType)));
        Assert.All(output.Composition.Interceptors, i => Assert.Equal([], i.Constructor!.ParameterTypes));
    }

    [Fact]
    public void Interceptor_parameters_bind_message_attribute_headers_and_invocation()
    {
        var output = RunGenerator(Types + """
            public static class Policies
            {
                [Before]
                public static void Audit(PlaceOrder order, AuditedAttribute audited, [Header("user")] string? user, MessageContext context) { }

                [Around]
                public static ValueTask<object?> Wrap(IInvocation invocation, MessageHeaders headers) => invocation.ProceedAsync();
            }
            """);

        var byName = output.Composition.Interceptors.ToDictionary(i => i.MethodName);
        Assert.Equal(
            [ParameterBinding.Message, ParameterBinding.AttributeInstance, ParameterBinding.Header, ParameterBinding.Context],
            byName["Audit"].Parameters.Select(p => p.Binding));
        Assert.Equal([ParameterBinding.Invocation, ParameterBinding.AllHeaders], byName["Wrap"].Parameters.Select(p => p.Binding));
        Assert.True(byName["Audit"].IsStatic);
        Assert.Null(byName["Audit"].Constructor);
    }

    [Fact]
    public void Interceptors_that_cannot_be_woven_are_skipped_without_diagnostics()
    {
        var output = RunGenerator(Types + """
            public static class Policies
            {
                [Before] public static void Valid(object message) { }

                // An [Around] must be able to proceed.
                [Around] public static ValueTask<object?> NoInvocation(object message) => default;

                // Only an [Around] may take the invocation.
                [Before] public static void BeforeWithInvocation(IInvocation invocation) { }

                [After] private static void Hidden(object message) { }

                [After] public static void Generic<TMessage>(TMessage message) { }

                [Before] public static void Unbindable(object message, int retries) { }

                public static void Use() => Hidden(new object());
            }

            public abstract class AbstractPolicies
            {
                [Before] public void Instance(object message) { }
            }
            """);

        Assert.Equal("Valid", Assert.Single(output.Composition.Interceptors).MethodName);
    }

    [Fact]
    public void Interceptor_whose_first_parameter_is_a_header_without_a_name_is_skipped_not_given_the_message()
    {
        // As for handlers, an empty [Header] name cannot be bound; it used to make the parameter the
        // message (narrowing the interceptor to string messages) while the analyzer reported EST0006.
        var output = RunGenerator(Types + """
            public static class Policies
            {
                [Before] public static void Valid(object message) { }

                [Before] public static void Tenant([Header("")] string tenant) { }
            }
            """);

        Assert.Equal("Valid", Assert.Single(output.Composition.Interceptors).MethodName);
    }

    [Fact]
    public void Before_changing_headers_without_returning_headers_is_skipped_without_errors()
    {
        // The analyzer reports these as EST0009; woven, the bool one produced generated code that
        // did not compile and the void one silently changed nothing.
        var output = RunGenerator(Types + """
            public sealed class Orders
            {
                [CommandHandler]
                public void Place(PlaceOrder command) { }
            }

            public static class Policies
            {
                [Before(ChangeHeaders = true)] public static MessageHeaders Valid(object message) => new();

                [Before(ChangeHeaders = true)] public static bool Check(object message) => true;

                [Before(ChangeHeaders = true)] public static void Stamp(object message) { }
            }
            """);

        Assert.Equal("Valid", Assert.Single(output.Composition.Interceptors).MethodName);
    }
}
