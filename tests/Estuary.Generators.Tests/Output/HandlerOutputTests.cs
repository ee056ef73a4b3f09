using Xunit;
using static Estuary.Generators.Tests.GeneratorTestHelper;

namespace Estuary.Generators.Tests.Output;

/// <summary>Golden-file tests of what handlers of each shape generate.</summary>
public sealed class HandlerOutputTests
{
    [Fact]
    public void Command_query_and_event_handlers_bind_headers_services_token_and_context()
    {
        var output = RunGenerator("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Estuary;

            namespace Shop.Orders;

            public sealed record PlaceOrder(Guid OrderId, string Product, int Quantity);
            public sealed record OrderPlaced(Guid OrderId, string Product);
            public sealed record GetOrder(Guid OrderId);
            public sealed record OrderView(Guid OrderId, string State);
            public enum Channel { Web, Store }

            public interface IOrderStore
            {
                Task SaveAsync(PlaceOrder order, CancellationToken cancellationToken);
                OrderView? Find(Guid id);
            }

            public sealed class OrderService(IOrderStore store)
            {
                [CommandHandler]
                public async Task PlaceAsync(
                    PlaceOrder command,
                    [Header("user")] string user,
                    [Header("tenant")] Guid tenant,
                    [Header("channel")] Channel? channel,
                    [Header("attempt")] int? attempt,
                    MessageContext context,
                    CancellationToken cancellationToken)
                {
                    await store.SaveAsync(command, cancellationToken);
                }

                [QueryHandler]
                public OrderView Get(GetOrder query, MessageHeaders headers) =>
                    store.Find(query.OrderId) ?? new OrderView(query.OrderId, "unknown");
            }

            public sealed class Notifier
            {
                [EventHandler]
                public ValueTask OnPlacedAsync(OrderPlaced @event, IOrderStore store, [Header("user")] string? user, CancellationToken cancellationToken) =>
                    ValueTask.CompletedTask;
            }
            """);

        Baselines.Verify(output);
    }

    [Fact]
    public void Asynchronous_handlers_describe_their_channel_delivery_options_retry_and_deduplication_key()
    {
        var output = RunGenerator("""
            using System;
            using System.Threading.Tasks;
            using Estuary;

            namespace Shop.Payments;

            public sealed record Payment(string Id, decimal Amount);
            public sealed record PaymentReceived(Guid OrderId, Payment? Payment);
            public sealed record SendReceipt(Guid OrderId);
            public sealed record ExpireHold(Guid OrderId);

            [Asynchronous("payments")]
            [Retry(Instant = 1, Delayed = 4, InitialDelayMilliseconds = 500, Multiplier = 2.5, MaxDelayMilliseconds = 60000)]
            public sealed class Bookkeeping
            {
                [EventHandler(EndpointId = "payments.book")]
                [Deduplicated("Payment.Id")]
                public void Book(PaymentReceived @event) { }

                [CommandHandler(EndpointId = "payments.receipt")]
                [Asynchronous("mail", Priority = 5)]
                [Delayed(30000)]
                [TimeToLive(600000)]
                [Deduplicated(Header = "receipt-key")]
                public Task Send(SendReceipt command) => Task.CompletedTask;
            }

            public static class Holds
            {
                [Asynchronous("payments")]
                [CommandHandler]
                public static void Expire(ExpireHold command) { }
            }
            """);

        Baselines.Verify(output);
    }

    [Fact]
    public void Scheduled_methods_become_message_less_command_endpoints_with_their_timing()
    {
        var output = RunGenerator("""
            using System.Threading;
            using System.Threading.Tasks;
            using Estuary;

            namespace Shop.Jobs;

            public interface IReports { Task BuildAsync(CancellationToken token); }

            public static class Jobs
            {
                [Scheduled("cleanup", EveryMilliseconds = 60000)]
                public static void Cleanup(MessageContext context) { }

                [Scheduled("reports.nightly", Cron = "0 3 * * *", TimeZone = "Europe/Paris")]
                [Asynchronous("jobs")]
                public static Task Nightly(IReports reports, CancellationToken token) => reports.BuildAsync(token);

                // Not wired: no timing.
                [Scheduled("broken")]
                public static void Broken() { }
            }
            """);

        Baselines.Verify(output);
    }

    [Fact]
    public void Aggregate_command_handlers_become_create_and_load_invoke_save_endpoints()
    {
        var output = RunGenerator("""
            using System;
            using System.Threading.Tasks;
            using Estuary;

            namespace Shop.Ordering;

            public sealed record PlaceOrder(Guid OrderId, string Product);
            public sealed record ShipOrder([property: TargetIdentifier("OrderId")] Guid Id, string Carrier);
            public interface ICarriers { Task<string> BookAsync(string carrier); }

            [Aggregate(Name = "orders")]
            public sealed class Order
            {
                [Identifier]
                public Guid OrderId { get; set; }

                public string? Tracking { get; set; }

                private readonly System.Collections.Generic.List<object> _recorded = [];

                [AggregateEvents]
                public System.Collections.Generic.IEnumerable<object> Recorded() => _recorded;

                [CommandHandler]
                public static Order Place(PlaceOrder command) => new() { OrderId = command.OrderId };

                [CommandHandler]
                public async Task<string> Ship(ShipOrder command, ICarriers carriers)
                {
                    Tracking = await carriers.BookAsync(command.Carrier);
                    return Tracking;
                }

                [CommandHandler("order.cancel")]
                public void Cancel() { }

                [EventHandler(DropMessageOnNotFound = true)]
                public void OnRefunded(OrderRefunded @event) { }
            }

            public sealed record OrderRefunded(Guid OrderId);
            """);

        Baselines.Verify(output);
    }

    [Fact]
    public void Saga_handlers_map_identifiers_load_or_create_retry_on_conflict_and_remove_completed_instances()
    {
        var output = RunGenerator("""
            using System;
            using Estuary;

            namespace Shop.Fulfilment;

            public sealed record OrderPlaced(Guid OrderId, decimal Total);
            public sealed record PaymentCaptured(PaymentDetails Payment);
            public sealed record PaymentDetails(Guid Order, decimal Amount);
            public sealed record ParcelDelivered(string Tracking);
            public sealed record Remind(string Text);
            public sealed record Split(Guid OrderId);

            [Saga(Name = "fulfilment")]
            public sealed class Fulfilment
            {
                [Identifier]
                public Guid OrderId { get; set; }

                [AggregateVersion]
                public int Version { get; set; }

                [SagaCompleted]
                public bool Done { get; set; }

                public decimal Due { get; set; }

                [EventHandler]
                public static Fulfilment Start(OrderPlaced placed) => new() { OrderId = placed.OrderId, Due = placed.Total };

                [EventHandler]
                public void Restart(OrderPlaced placed) => Due = placed.Total;

                [EventHandler]
                [IdentifierMapping("OrderId", Member = "Payment.Order")]
                [ConcurrencyRetry(3)]
                public void OnPaid(PaymentCaptured captured) => Due -= captured.Payment.Amount;

                [EventHandler]
                [IdentifierMapping("OrderId", Method = nameof(OrderOf))]
                public void OnDelivered(ParcelDelivered delivered) => Done = true;

                public static Guid OrderOf(ParcelDelivered delivered, MessageContext context) => Guid.Parse(delivered.Tracking);

                [CommandHandler]
                [IdentifierMapping("OrderId", Header = "order-id")]
                public void Remind(Remind command) { }

                [CommandHandler]
                public Fulfilment Split(Split command) => new() { OrderId = Guid.NewGuid(), Due = Due / 2 };
            }
            """);

        Baselines.Verify(output);
    }

    [Fact]
    public void Repository_interfaces_get_find_and_save_through_the_aggregate_repositories()
    {
        var output = RunGenerator("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Estuary;

            namespace Shop.Stock;

            [Aggregate(Name = "shelves")]
            public sealed class Shelf
            {
                [Identifier] public string Aisle { get; set; } = "";
                [Identifier] public int Number { get; set; }
                [AggregateVersion] public long Version { get; set; }
            }

            [Aggregate(Name = "pallets")]
            public sealed class Pallet
            {
                [Identifier] public Guid PalletId { get; set; }
            }

            public interface IStock
            {
                [Repository] Task<Shelf> GetShelfAsync(string aisle, int number, CancellationToken cancellationToken = default);
                [Repository] ValueTask<Shelf?> FindShelfAsync(string aisle, int number);
                [Repository] Task SaveAsync(Shelf shelf, CancellationToken cancellationToken);
                [Repository] Task SavePalletAsync(Pallet pallet);
            }
            """);

        Baselines.Verify(output);
    }

    [Fact]
    public void Event_sourced_aggregates_get_an_apply_switch_a_repository_and_load_append_publish_endpoints()
    {
        var output = RunGenerator("""
            using System;
            using System.Collections.Generic;
            using System.Text.Json.Nodes;
            using Estuary;

            namespace Shop.Billing;

            public sealed record OpenInvoice(Guid InvoiceId, decimal Amount);
            public sealed record PayInvoice(Guid InvoiceId, decimal Amount);
            public sealed record GetBalance(Guid InvoiceId);

            [NamedEvent("invoice.opened")]
            public sealed record InvoiceOpened(Guid InvoiceId, decimal Amount);

            [NamedEvent("invoice.paid"), Revision(2)]
            public sealed record InvoicePaid(Guid InvoiceId, decimal Amount, string Currency);

            [EventSourcingAggregate(SnapshotEvery = 50, Table = "invoices")]
            [AggregateType("invoice")]
            [Stream("invoices")]
            public sealed class Invoice
            {
                [Identifier] public Guid InvoiceId { get; set; }
                [AggregateVersion] public int Version { get; set; }
                public decimal Due { get; set; }

                [CommandHandler]
                public static InvoiceOpened Open(OpenInvoice command) => new(command.InvoiceId, command.Amount);

                [CommandHandler]
                public IEnumerable<object> Pay(PayInvoice command) { yield return new InvoicePaid(InvoiceId, command.Amount, "EUR"); }

                [QueryHandler]
                public decimal Balance(GetBalance query) => Due;

                [EventSourcingHandler] public void On(InvoiceOpened opened) { InvoiceId = opened.InvoiceId; Due = opened.Amount; }
                [EventSourcingHandler] public void On(InvoicePaid paid) => Due -= paid.Amount;
            }

            public static class InvoiceUpcasters
            {
                [Upcaster(typeof(InvoicePaid), 1)]
                public static JsonObject AddCurrency(JsonObject json) { json["Currency"] = "EUR"; return json; }
            }
            """);

        Baselines.Verify(output);
    }

    [Fact]
    public void Static_handlers_are_called_without_resolving_their_class()
    {
        var output = RunGenerator("""
            using System;
            using Estuary;

            namespace Shop.Orders;

            public sealed record CancelOrder(Guid OrderId, string Reason);
            public sealed record OrderCancelled(Guid OrderId);
            public sealed record CountOpenOrders;
            public interface IAuditLog { void Write(string line); }

            public static class Cancellation
            {
                [CommandHandler]
                public static void Cancel(CancelOrder command, IAuditLog log, [Header("user")] string user) =>
                    log.Write($"{user} cancelled {command.OrderId}: {command.Reason}");

                [EventHandler]
                internal static void OnCancelled(OrderCancelled @event, IAuditLog log) => log.Write($"cancelled {@event.OrderId}");
            }

            public sealed class Counters
            {
                [QueryHandler]
                public static int Count(CountOpenOrders query) => 42;
            }
            """);

        Baselines.Verify(output);
    }

    [Fact]
    public void Every_return_shape_maps_to_a_sync_or_async_endpoint()
    {
        var output = RunGenerator("""
            using System;
            using System.Threading.Tasks;
            using Estuary;

            namespace Shop.Payments;

            public sealed record Authorize(Guid PaymentId, decimal Amount);
            public sealed record Capture(Guid PaymentId);
            public sealed record Refund(Guid PaymentId, decimal Amount);
            public sealed record Void(Guid PaymentId);
            public sealed record GetBalance(Guid AccountId);
            public sealed record GetLimit(Guid AccountId);
            public sealed record GetCurrency(Guid AccountId);
            public sealed record PaymentSettled(Guid PaymentId);
            public sealed record PaymentFailed(Guid PaymentId, string Reason);
            public readonly record struct Receipt(Guid PaymentId, string Number);

            public sealed class PaymentHandlers
            {
                [CommandHandler]
                public void Authorize(Authorize command) { }

                [CommandHandler]
                public Task CaptureAsync(Capture command) => Task.CompletedTask;

                [CommandHandler]
                public ValueTask VoidAsync(Void command) => ValueTask.CompletedTask;

                [CommandHandler]
                public Receipt Refund(Refund command) => new(command.PaymentId, "R-1");

                [QueryHandler]
                public Task<decimal> BalanceAsync(GetBalance query) => Task.FromResult(10m);

                [QueryHandler]
                public ValueTask<decimal?> LimitAsync(GetLimit query) => ValueTask.FromResult<decimal?>(null);

                [QueryHandler]
                public string Currency(GetCurrency query) => "EUR";

                [EventHandler]
                public void OnSettled(PaymentSettled @event) { }

                [EventHandler]
                public Task OnFailedAsync(PaymentFailed @event) => Task.CompletedTask;

                [EventHandler]
                public ValueTask OnSettledAsync(PaymentSettled @event) => ValueTask.CompletedTask;
            }
            """);

        Baselines.Verify(output);
    }

    [Fact]
    public void Routing_keys_and_event_wildcards_with_priority_are_described_on_the_endpoints()
    {
        var output = RunGenerator("""
            using System;
            using System.Threading.Tasks;
            using Estuary;

            namespace Shop.Shipping;

            public sealed record ShipOrder(Guid OrderId, string Address);
            public sealed record ShipmentEvent(Guid ShipmentId);

            public sealed class ShippingHandlers
            {
                // A routed command whose payload is the first parameter.
                [CommandHandler("shipping.ship", EndpointId = "ship-v1")]
                public Task ShipAsync(ShipOrder command, [Header("carrier")] string carrier) => Task.CompletedTask;

                // A routed query without payload: everything it needs comes from headers.
                [QueryHandler("shipping.count")]
                public int Count([Header("warehouse")] string warehouse, [Header("since")] DateTimeOffset? since) => 3;

                // Events published under any name starting with "shipping.", before the default priority.
                [EventHandler("shipping.*", Priority = 10)]
                public ValueTask AuditAsync(ShipmentEvent @event, MessageContext context) => ValueTask.CompletedTask;

                [EventHandler("*.delayed", Priority = -5, EndpointId = "delay-alerts")]
                public void AlertDelay(MessageContext context) { }
            }
            """);

        Baselines.Verify(output);
    }

    [Fact]
    public void Nested_handler_classes_get_distinct_endpoints_and_hint_names()
    {
        var output = RunGenerator("""
            using System;
            using Estuary;

            namespace Shop.Catalog;

            public sealed record AddProduct(string Sku, string Name);
            public sealed record RemoveProduct(string Sku);

            public static class Products
            {
                public sealed class Handler
                {
                    [CommandHandler]
                    public void Handle(AddProduct command) { }
                }

                public static class Removal
                {
                    public sealed class Handler
                    {
                        [CommandHandler]
                        public void Handle(RemoveProduct command) { }
                    }
                }
            }
            """);

        Baselines.Verify(output);
    }

    [Fact]
    public void Overloaded_handler_methods_in_one_class_get_numbered_endpoints()
    {
        var output = RunGenerator("""
            using System;
            using System.Threading.Tasks;
            using Estuary;

            namespace Shop.Inventory;

            public sealed record Reserve(string Sku, int Quantity);
            public sealed record Release(string Sku, int Quantity);
            public sealed record StockChanged(string Sku, int Quantity);
            public sealed record StockCounted(string Sku, int Quantity);

            public sealed class StockHandler
            {
                [CommandHandler]
                public void Handle(Reserve command) { }

                [CommandHandler]
                public Task Handle(Release command) => Task.CompletedTask;

                [EventHandler]
                public void Handle(StockChanged @event) { }

                [EventHandler]
                public void Handle(StockCounted @event) { }
            }
            """);

        Baselines.Verify(output);
    }
}
