using System.Linq;
using Estuary.SourceGeneration;
using Xunit;
using static Estuary.Generators.Tests.GeneratorTestHelper;

namespace Estuary.Generators.Tests.Models;

/// <summary>What the handler parser records: bindings, routing, returns, constructors and messages.</summary>
public sealed class HandlerModelTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Estuary;

        """;

    [Fact]
    public void Messages_record_their_sensitive_members_declared_on_properties_fields_record_parameters_and_base_records()
    {
        var output = RunGenerator(Usings + """
            namespace Shop.People;

            public abstract record PersonEvent(Guid PersonId)
            {
                [Sensitive] public string? Email { get; init; }
            }

            public sealed record PersonRenamed(Guid PersonId, [property: Sensitive] string Name) : PersonEvent(PersonId);

            public sealed record PersonArchived(Guid PersonId) : PersonEvent(PersonId);

            public sealed class PersonMoved
            {
                [Sensitive] public string? Address;
                public Guid PersonId { get; set; }
            }

            // Attributes that are not [Sensitive]: the members are read, none is recorded.
            public sealed record PersonVerified([property: System.ComponentModel.Description("when")] DateTimeOffset At);

            public sealed record PersonForgotten(Guid PersonId);

            public sealed class People
            {
                [EventHandler] public void On(PersonRenamed e) { }
                [EventHandler] public void On(PersonMoved e) { }
                [EventHandler] public void On(PersonArchived e) { }
                [EventHandler] public void On(PersonVerified e) { }
                [EventHandler] public void On(PersonForgotten e) { }
            }
            """);

        var sensitive = output.Handlers.ToDictionary(h => h.Message!.ShortName, h => h.Message!.SensitiveMembers.Order().ToArray());
        Assert.Equal(["Email", "Name"], sensitive["PersonRenamed"]);
        Assert.Equal(["Address"], sensitive["PersonMoved"]);
        Assert.Equal(["Email"], sensitive["PersonArchived"]);
        Assert.Empty(sensitive["PersonVerified"]);
        Assert.Empty(sensitive["PersonForgotten"]);
    }

    [Fact]
    public void Parameters_after_the_message_bind_to_headers_services_headers_context_and_token()
    {
        var output = RunGenerator(Usings + """
            namespace Shop.Orders;

            public sealed record PlaceOrder(Guid OrderId);
            public enum Channel { Web, Store }
            public interface IOrderStore;

            public sealed class OrderService
            {
                [CommandHandler]
                public Task PlaceAsync(
                    PlaceOrder command,
                    [Header("user")] string user,
                    [Header("trace")] string? trace,
                    [Header("tenant")] Guid tenant,
                    [Header("attempt")] int? attempt,
                    [Header("channel")] Channel channel,
                    [Header("raw")] object? raw,
                    IOrderStore store,
                    MessageHeaders headers,
                    MessageContext context,
                    CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """);

        var handler = Assert.Single(output.Handlers);
        Assert.Equal(("command", "global::Shop.Orders.PlaceOrder"), (handler.Message!.ParameterName, handler.Message.TypeName));
        Assert.Equal(
            new (string, ParameterBinding, string?, HeaderConversion, string, bool)[]
            {
                ("user", ParameterBinding.Header, "user", HeaderConversion.String, "string", false),
                ("trace", ParameterBinding.Header, "trace", HeaderConversion.String, "string", true),
                ("tenant", ParameterBinding.Header, "tenant", HeaderConversion.Parsable, "global::System.Guid", false),
                ("attempt", ParameterBinding.Header, "attempt", HeaderConversion.Parsable, "int", true),
                ("channel", ParameterBinding.Header, "channel", HeaderConversion.Enum, "global::Shop.Orders.Channel", false),
                ("raw", ParameterBinding.Header, "raw", HeaderConversion.Cast, "object", true),
                ("store", ParameterBinding.Service, null, HeaderConversion.Cast, "global::Shop.Orders.IOrderStore", false),
                ("headers", ParameterBinding.AllHeaders, null, HeaderConversion.Cast, "global::Estuary.MessageHeaders", false),
                ("context", ParameterBinding.Context, null, HeaderConversion.Cast, "global::Estuary.MessageContext", false),
                ("cancellationToken", ParameterBinding.CancellationToken, null, HeaderConversion.Cast, "global::System.Threading.CancellationToken", false),
            },
            handler.Parameters.Select(p => (p.Name, p.Binding, p.HeaderName, p.Conversion, p.HeaderValueType, p.Optional)));
    }

    [Fact]
    public void Routing_keys_listen_to_patterns_priorities_and_endpoint_ids_are_recorded()
    {
        var output = RunGenerator(Usings + """
            namespace Shop.Shipping;

            public sealed record ShipOrder(Guid OrderId);
            public sealed record ShipmentEvent(Guid ShipmentId);

            public sealed class ShippingHandlers
            {
                [CommandHandler("shipping.ship", EndpointId = "ship-v1")]
                public void Ship(ShipOrder command) { }

                [QueryHandler("shipping.count")]
                public int Count([Header("warehouse")] string warehouse) => 0;

                [EventHandler("shipping.*", Priority = 10)]
                public void Audit(ShipmentEvent @event) { }

                [EventHandler]
                public void Track(ShipmentEvent @event) { }
            }
            """);

        var handlers = output.Handlers.OrderBy(h => h.MethodName).ToList();
        Assert.Equal(
            new (string, HandlerKind, string?, string?, int, string?)[]
            {
                ("Audit", HandlerKind.Event, "shipping.*", null, 10, "global::Shop.Shipping.ShipmentEvent"),
                ("Count", HandlerKind.Query, "shipping.count", null, 0, null),
                ("Ship", HandlerKind.Command, "shipping.ship", "ship-v1", 0, "global::Shop.Shipping.ShipOrder"),
                ("Track", HandlerKind.Event, null, null, 0, "global::Shop.Shipping.ShipmentEvent"),
            },
            handlers.Select(h => (h.MethodName, h.Kind, h.RoutingKey, h.EndpointId, h.Priority, h.Message?.TypeName)));

        // A routed handler whose first parameter is a header has no payload: the header stays a parameter.
        Assert.Equal("warehouse", Assert.Single(handlers[1].Parameters).HeaderName);
    }

    [Fact]
    public void Return_shapes_are_classified_with_their_result_types()
    {
        var output = RunGenerator(Usings + """
            namespace Shop.Payments;

            public sealed record A; public sealed record B; public sealed record C;
            public sealed record D; public sealed record E; public sealed record F;
            public sealed record Receipt(string Number);

            public sealed class Payments
            {
                [CommandHandler] public void Sync(A command) { }
                [CommandHandler] public Task PlainTask(B command) => Task.CompletedTask;
                [CommandHandler] public ValueTask PlainValueTask(C command) => default;
                [QueryHandler] public Receipt Value(D query) => new("1");
                [QueryHandler] public Task<Receipt?> TaskOfT(E query) => Task.FromResult<Receipt?>(null);
                [QueryHandler] public ValueTask<int> ValueTaskOfT(F query) => new(1);
            }
            """);

        Assert.Equal(
            new (string, ReturnKind, string?, bool)[]
            {
                ("PlainTask", ReturnKind.Task, null, true),
                ("PlainValueTask", ReturnKind.ValueTask, null, true),
                ("Sync", ReturnKind.Void, null, false),
                ("TaskOfT", ReturnKind.TaskOfT, "global::Shop.Payments.Receipt?", true),
                ("Value", ReturnKind.Value, "global::Shop.Payments.Receipt", false),
                ("ValueTaskOfT", ReturnKind.ValueTaskOfT, "int", true),
            },
            output.Handlers.OrderBy(h => h.MethodName, System.StringComparer.Ordinal).Select(h => (h.MethodName, h.Return, h.ResultType, h.IsAsync)));
    }

    [Fact]
    public void Single_public_constructor_is_recorded_for_registration_and_static_handlers_have_none()
    {
        var output = RunGenerator(Usings + """
            namespace Shop.Orders;

            public sealed record A; public sealed record B; public sealed record C;
            public interface IOrderStore;
            public interface IClock;

            public sealed class WithPrimaryConstructor(IOrderStore store, IClock? clock)
            {
                [CommandHandler] public void Handle(A command) { }
            }

            public sealed class WithTwoConstructors
            {
                public WithTwoConstructors() { }
                public WithTwoConstructors(IClock clock) { }
                [CommandHandler] public void Handle(B command) { }
            }

            public static class Stateless
            {
                [CommandHandler] public static void Handle(C command) { }
            }
            """);

        var byType = output.Handlers.ToDictionary(h => h.DeclaringType.Name);
        Assert.Equal(["global::Shop.Orders.IOrderStore", "global::Shop.Orders.IClock"], byType["WithPrimaryConstructor"].Constructor!.ParameterTypes);
        Assert.Null(byType["WithTwoConstructors"].Constructor);
        Assert.True(byType["Stateless"].IsStatic);
        Assert.Null(byType["Stateless"].Constructor);
    }

    [Fact]
    public void MessageName_attribute_names_the_message_and_its_hierarchy_is_recorded()
    {
        var output = RunGenerator(Usings + """
            namespace Shop.Orders;

            public interface IOrderEvent { Guid OrderId { get; } }
            public abstract record OrderEvent(Guid OrderId) : IOrderEvent;

            [MessageName("orders.placed.v1")]
            public sealed record OrderPlaced(Guid OrderId) : OrderEvent(OrderId);

            public sealed record OrderShipped(Guid OrderId) : OrderEvent(OrderId);

            public sealed class Projection
            {
                [EventHandler] public void OnPlaced(OrderPlaced @event) { }
                [EventHandler] public void OnShipped(OrderShipped @event) { }
                [EventHandler] public void OnAny(IOrderEvent @event) { }
            }
            """);

        var messages = output.Handlers.Select(h => h.Message!).ToDictionary(m => m.ShortName);
        Assert.Equal("orders.placed.v1", messages["OrderPlaced"].MessageName);
        Assert.Equal("Shop.Orders.OrderShipped", messages["OrderShipped"].MessageName);
        Assert.Contains("global::Shop.Orders.OrderEvent", messages["OrderPlaced"].AssignableTo);
        Assert.Contains("global::Shop.Orders.IOrderEvent", messages["OrderPlaced"].AssignableTo);
        Assert.False(messages["OrderPlaced"].IsAbstract);
        Assert.True(messages["IOrderEvent"].IsAbstract);
    }

    [Fact]
    public void User_attributes_of_method_and_class_are_recorded_but_Estuary_attributes_are_not()
    {
        var output = RunGenerator(Usings + """
            namespace Shop.Billing;

            public enum Sensitivity { Low, High }

            [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
            public sealed class AuditedAttribute(string area) : Attribute
            {
                public string Area { get; } = area;
                public Sensitivity Sensitivity { get; set; }
            }

            public sealed record IssueInvoice(Guid InvoiceId);

            [Audited("billing")]
            public sealed class InvoiceHandler
            {
                [CommandHandler]
                [Audited("invoices", Sensitivity = Sensitivity.High)]
                public void Issue(IssueInvoice command) { }
            }
            """);

        var attributes = Assert.Single(output.Handlers).Attributes;
        Assert.Equal(
            new (string, string, string, bool)[]
            {
                ("global::Shop.Billing.AuditedAttribute", "\"invoices\"", "Sensitivity = (global::Shop.Billing.Sensitivity)1", true),
                ("global::Shop.Billing.AuditedAttribute", "\"billing\"", "", false),
            },
            attributes.Select(a => (a.TypeName, string.Join(", ", a.Arguments), string.Join(", ", a.NamedArguments.Select(n => n.Name + " = " + n.Value)), a.OnMethod)));
    }

    [Fact]
    public void Signature_is_public_only_when_message_and_result_types_are_public()
    {
        var output = RunGenerator(Usings + """
            namespace Shop.Orders;

            public sealed record PublicQuery;
            internal sealed record InternalQuery;
            public sealed record LeakyQuery;
            internal sealed record InternalResult;

            public sealed class Queries
            {
                [QueryHandler] public int Public(PublicQuery query) => 1;
                [QueryHandler] internal int Internal(InternalQuery query) => 1;
                [QueryHandler] internal InternalResult[] Leaky(LeakyQuery query) => [];
            }
            """);

        Assert.Equal(
            new (string, bool)[] { ("Internal", false), ("Leaky", false), ("Public", true) },
            output.Handlers.OrderBy(h => h.MethodName, System.StringComparer.Ordinal).Select(h => (h.MethodName, h.PublicSignature)));
    }
}
