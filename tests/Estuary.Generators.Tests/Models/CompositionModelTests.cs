using System.Collections.Generic;
using System.Linq;
using Estuary.SourceGeneration;
using Xunit;
using static Estuary.Generators.Tests.GeneratorTestHelper;

namespace Estuary.Generators.Tests.Models;

/// <summary>The module-wide parts of the composition: module naming, JSON contexts, gateways and business interfaces.</summary>
public sealed class CompositionModelTests
{
    [Theory]
    [InlineData("Shop.Orders", null, null, "Shop.Orders", "OrdersModule")]
    [InlineData("Shop.Orders", "Billing", null, "Shop.Orders", "BillingModule")]
    [InlineData("Shop.Orders", "PaymentsModule", null, "Shop.Orders", "PaymentsModule")]
    [InlineData("Shop.Orders.Worker", null, "Shop.Orders", "Shop.Orders", "WorkerModule")]
    [InlineData("shop-orders", null, null, "shop_orders", "shop_ordersModule")]
    public void Module_is_named_from_the_attribute_or_assembly_and_placed_in_the_root_namespace(
        string assemblyName, string? moduleName, string? rootNamespace, string expectedNamespace, string expectedClass)
    {
        var attribute = moduleName is null ? string.Empty : $"[assembly: Estuary.EstuaryModule(\"{moduleName}\")]";
        var output = RunGenerator(
            attribute + "\nnamespace Shop.Orders;\npublic sealed record Ping;\npublic static class PingHandler { [Estuary.CommandHandler] public static void Handle(Ping ping) { } }",
            assemblyName,
            buildProperties: rootNamespace is null ? null : new Dictionary<string, string> { ["RootNamespace"] = rootNamespace });

        Assert.Equal(new ModuleInfo(assemblyName, expectedNamespace, expectedClass), output.Composition.Module);
    }

    [Fact]
    public void Json_contexts_record_the_types_they_cover_and_plain_classes_are_ignored()
    {
        var output = RunGenerator(
            """
            using System;
            using System.Collections.Generic;
            using System.Text.Json.Serialization;

            namespace Shop.Orders;

            public sealed record PlaceOrder(Guid OrderId);
            public sealed record OrderPlaced(Guid OrderId);

            [JsonSerializable(typeof(PlaceOrder))]
            [JsonSerializable(typeof(List<OrderPlaced>))]
            [JsonSerializable(typeof(OrderPlaced))]
            public sealed partial class OrdersJsonContext : JsonSerializerContext;

            public static partial class Outer
            {
                [JsonSerializable(typeof(PlaceOrder))]
                internal sealed partial class NestedJsonContext : JsonSerializerContext;
            }
            """,
            withSystemTextJson: true);

        Assert.Equal(
            new (string, string[])[]
            {
                ("global::Shop.Orders.OrdersJsonContext", ["global::Shop.Orders.OrderPlaced", "global::Shop.Orders.PlaceOrder", "global::System.Collections.Generic.List<global::Shop.Orders.OrderPlaced>"]),
                ("global::Shop.Orders.Outer.NestedJsonContext", ["global::Shop.Orders.PlaceOrder"]),
            },
            output.Composition.JsonContexts.OrderBy(c => c.TypeName, System.StringComparer.Ordinal).Select(c => (c.TypeName, c.Types.ToArray())));
        Assert.Empty(output.Files);
    }

    [Fact]
    public void Gateways_are_empty_interfaces_deriving_from_bus_interfaces()
    {
        var output = RunGenerator("""
            using Estuary;

            namespace Shop.Orders;

            public interface IStorefrontBus : ICommandBus;
            public interface IBackOfficeBus : IQueryBus, ICommandBus;
            public interface IDerivedBus : IStorefrontBus;

            // Not gateways: a member Estuary cannot implement, a generic interface, no bus base.
            public interface IWithMember : ICommandBus { void Extra(); }
            public interface IGenericBus<T> : ICommandBus;
            public interface IPlain : System.IDisposable;
            """);

        Assert.Equal(
            new (string, string[])[]
            {
                ("global::Shop.Orders.IBackOfficeBus", ["Estuary.ICommandBus", "Estuary.IQueryBus"]),
                ("global::Shop.Orders.IDerivedBus", ["Estuary.ICommandBus"]),
                ("global::Shop.Orders.IStorefrontBus", ["Estuary.ICommandBus"]),
            },
            output.Composition.Gateways.OrderBy(g => g.Interface.FullName, System.StringComparer.Ordinal).Select(g => (g.Interface.FullName, g.Buses.ToArray())));
    }

    [Fact]
    public void Business_methods_record_route_payload_headers_and_return()
    {
        var output = RunGenerator("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Estuary;

            namespace Shop.Orders;

            public sealed record PlaceOrder(Guid OrderId);
            public sealed record OrderView(Guid OrderId);

            public interface IOrderApi
            {
                [BusinessMethod("orders.place")]
                Task PlaceAsync(PlaceOrder order, [Header("user")] string user, CancellationToken cancellationToken);

                [BusinessMethod("orders.get")]
                ValueTask<OrderView> GetAsync([Header("order-id")] Guid orderId);
            }
            """);

        var api = Assert.Single(output.Composition.BusinessInterfaces);
        Assert.Equal("global::Shop.Orders.IOrderApi", api.Interface.FullName);
        Assert.Equal(
            new (string, string, string?, string?, ReturnKind, string?)[]
            {
                ("PlaceAsync", "orders.place", "order", "global::Shop.Orders.PlaceOrder", ReturnKind.Task, null),
                ("GetAsync", "orders.get", null, null, ReturnKind.ValueTaskOfT, "global::Shop.Orders.OrderView"),
            },
            api.Methods.Select(m => (m.Declared.Name, m.RoutingKey, m.PayloadParameter, m.PayloadType, m.Return, m.ResultType)));
        Assert.Equal([ParameterBinding.Header, ParameterBinding.CancellationToken], api.Methods[0].Parameters.Select(p => p.Binding));
        Assert.Equal("order-id", Assert.Single(api.Methods[1].Parameters).HeaderName);
    }
}
