using System.Collections.Generic;
using Xunit;
using static Estuary.Generators.Tests.GeneratorTestHelper;

namespace Estuary.Generators.Tests.Output;

/// <summary>Golden-file tests of module-wide artifacts: business interfaces, JSON metadata and module naming.</summary>
public sealed class ModuleOutputTests
{
    [Fact]
    public void Business_interface_methods_send_to_their_routing_keys()
    {
        var output = RunGenerator("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Estuary;

            namespace Shop.Orders;

            public sealed record PlaceOrder(Guid OrderId, string Product);
            public sealed record OrderView(Guid OrderId, string State);

            /// <summary>What the storefront calls; Estuary implements it.</summary>
            public interface IOrderApi
            {
                [BusinessMethod("orders.place")]
                Task PlaceAsync(PlaceOrder order, [Header("user")] string user, CancellationToken cancellationToken);

                [BusinessMethod("orders.get")]
                ValueTask<OrderView?> GetAsync([Header("order-id")] Guid orderId, [Header("tenant")] string? tenant);

                [BusinessMethod("orders.count")]
                int Count(MessageHeaders headers);

                [BusinessMethod("orders.ping")]
                void Ping();
            }

            public sealed class OrderEndpoints
            {
                [CommandHandler("orders.place")]
                public Task PlaceAsync(PlaceOrder order, [Header("user")] string user) => Task.CompletedTask;

                [QueryHandler("orders.get")]
                public OrderView? Get([Header("order-id")] Guid orderId) => null;

                [QueryHandler("orders.count")]
                public int Count() => 0;

                [CommandHandler("orders.ping")]
                public void Ping() { }
            }
            """);

        Baselines.Verify(output);
    }

    [Fact]
    public void JsonSerializerContext_metadata_backs_the_message_types_it_covers()
    {
        var output = RunGenerator(
            """
            using System;
            using System.Collections.Generic;
            using System.Text.Json.Serialization;
            using Estuary;

            namespace Shop.Orders;

            public sealed record PlaceOrder(Guid OrderId, string Product);
            public sealed record OrderPlaced(Guid OrderId);
            public sealed record AuditTrail(string Entry);

            [JsonSerializable(typeof(PlaceOrder))]
            [JsonSerializable(typeof(OrderPlaced))]
            [JsonSerializable(typeof(List<PlaceOrder>))]
            internal sealed partial class OrdersJsonContext : JsonSerializerContext;

            public sealed class OrderService
            {
                [CommandHandler]
                public void Place(PlaceOrder command) { }

                [EventHandler]
                public void OnPlaced(OrderPlaced @event) { }

                // Not covered by the context: registered without JSON metadata.
                [EventHandler]
                public void OnAudit(AuditTrail @event) { }
            }
            """,
            withSystemTextJson: true);

        Baselines.Verify(output);
    }

    [Fact]
    public void EstuaryModule_attribute_names_the_module_class()
    {
        var output = RunGenerator(
            """
            using System;
            using Estuary;

            [assembly: EstuaryModule("Billing")]

            namespace Contoso.Billing.Api;

            public sealed record IssueInvoice(Guid InvoiceId);

            public sealed class InvoiceHandler
            {
                [CommandHandler]
                public void Issue(IssueInvoice command) { }
            }
            """,
            assemblyName: "Contoso.Billing.Api");

        Baselines.Verify(output);
    }

    [Fact]
    public void RootNamespace_property_places_the_module_and_assembly_name_sanitizes_its_class_name()
    {
        var output = RunGenerator(
            """
            using System;
            using Estuary;

            namespace Contoso.Shipping;

            public sealed record Ship(Guid OrderId);

            public sealed class ShipHandler
            {
                [CommandHandler]
                public void Handle(Ship command) { }
            }
            """,
            assemblyName: "Contoso.Shipping-Worker",
            buildProperties: new Dictionary<string, string> { ["RootNamespace"] = "Contoso.Shipping" });

        Baselines.Verify(output);
    }
}
