using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Estuary.Channels;
using Estuary.FunctionalTests.Asynchronous;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Distributed;

/// <summary>
/// Services exchanging commands and events through the distributed bus: each host is one service,
/// the channels between them are shared in-memory channels (the transports run the same code).
/// </summary>
public sealed class DistributedBusTests : IDisposable
{
    private readonly InMemoryChannel _billing = new("billing");
    private readonly InMemoryChannel _orders = new("orders");
    private readonly InMemoryChannel _shipping = new("shipping");
    private readonly InMemoryChannel _audit = new("audit");
    private readonly List<ServiceProvider> _hosts = [];

    [Fact]
    public async Task A_command_reaches_the_services_distributed_handler_in_its_own_type_and_its_event_comes_back()
    {
        var orders = Service("orders");
        var billing = Service("billing");

        await orders.GetRequiredService<IDistributedBus>().SendCommandAsync(
            "billing", BillingService.CreateKey, new InvoiceRequest("o-1", 12.5m), new MessageHeaders { ["tenant"] = "acme" });
        var command = Assert.Single(_billing.Peek());
        Assert.Equal(1, (await billing.Drain("billing"))[DeliveryOutcome.Handled]);
        Assert.Equal(1, (await orders.Drain("orders"))[DeliveryOutcome.Handled]);

        Assert.Equal([$"billing: invoice for o-1 of 12.5 (tenant acme, message {command.MessageId}, from orders)"], billing.Log());
        var seen = Assert.Single(orders.Log());
        Assert.StartsWith("orders: invoice inv-o-1 for o-1", seen, StringComparison.Ordinal);
        Assert.Contains($"correlation {command.MessageId}", seen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_asynchronous_distributed_subscriber_gets_its_copy_on_its_own_channel_with_the_same_message_id()
    {
        var orders = Service("orders");
        var billing = Service("billing");

        await billing.GetRequiredService<IDistributedBus>().PublishEventAsync(BillingService.CreatedEvent, new InvoiceCreated("o-2", "inv-2"));
        var published = Assert.Single(_orders.Peek());
        await orders.Drain("orders");
        await orders.Drain(AsyncChannels.Reminders);

        Assert.Equal(
            [$"orders: invoice inv-2 for o-2 (message {published.MessageId}, correlation {published.MessageId})", $"orders: reminder for inv-2 (message {published.MessageId})"],
            orders.Log());
    }

    [Fact]
    public async Task An_event_goes_to_every_subscribed_service_once_with_one_message_id_and_never_back_to_its_publisher()
    {
        var billing = Service("billing", subscribeBillingToItsOwnEvents: true);

        await billing.GetRequiredService<IDistributedBus>().PublishEventAsync(BillingService.CreatedEvent, new InvoiceCreated("o-3", "inv-3"));

        var toOrders = Assert.Single(_orders.Peek());
        var toShipping = Assert.Single(_shipping.Peek());
        Assert.Equal(toOrders.MessageId, toShipping.MessageId);
        Assert.Empty(_audit.Peek());
        Assert.Empty(_billing.Peek());
        Assert.Equal("event", toOrders.Headers[MessageHeaderNames.DistributedKind]);
        Assert.Equal("billing", toOrders.Headers[MessageHeaderNames.SourceService]);
        Assert.Equal(BillingService.CreatedEvent, toOrders.Headers[MessageHeaderNames.RoutingKey]);
        Assert.Equal("""{"OrderId":"o-3","InvoiceId":"inv-3"}""", Encoding.UTF8.GetString(toOrders.Payload.Span));
    }

    [Fact]
    public async Task A_handler_without_Distributed_cannot_be_reached_from_another_service()
    {
        var orders = Service("orders");
        var billing = Service("billing");

        await orders.GetRequiredService<IDistributedBus>().SendCommandAsync("billing", BillingService.InternalKey, new InvoiceRequest("o-4", 1m));
        var run = await billing.Drain("billing");

        Assert.Equal(1, run[DeliveryOutcome.DeadLettered]);
        Assert.Empty(billing.Log());
        var entry = Assert.Single(await billing.DeadLetters().ListAsync());
        Assert.Contains($"no [Distributed] command handler for routing key '{BillingService.InternalKey}'", entry.Reason, StringComparison.Ordinal);
        Assert.Contains(BillingService.CreateKey, entry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_distributed_subscriber_is_not_reached_by_a_distributed_event()
    {
        var orders = Service("orders");

        await orders.GetRequiredService<IDistributedBus>().PublishEventAsync("billing.invoice-created", new InvoiceCreated("o-5", "inv-5"));
        await Service("billing").GetRequiredService<IDistributedBus>().PublishEventAsync("billing.invoice-created", new InvoiceCreated("o-5", "inv-5"));
        await orders.Drain("orders");

        Assert.DoesNotContain(orders.Log(), entry => entry.Contains("local handler", StringComparison.Ordinal));
        Assert.Contains(orders.Log(), entry => entry.StartsWith("orders: invoice inv-5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task What_a_failing_handler_sends_on_the_distributed_bus_never_leaves()
    {
        var orders = Service("orders");
        var billing = Service("billing");

        await orders.GetRequiredService<IDistributedBus>().SendCommandAsync("billing", BillingService.CreateThenFailKey, new InvoiceRequest("o-6", 3m));
        var run = await billing.Drain("billing");

        Assert.Equal(1, run[DeliveryOutcome.DeadLettered]);
        Assert.Empty(_orders.Peek());
        Assert.Equal("the ledger is closed", Assert.Single(await billing.DeadLetters().ListAsync()).Reason);
    }

    [Fact]
    public async Task A_message_without_its_kind_or_with_a_payload_its_handler_cannot_read_goes_to_the_dead_letter_at_once()
    {
        var billing = Service("billing");
        await _billing.SendAsync(Raw(kind: null, BillingService.CreateKey, """{"OrderId":"o-7","Amount":1}"""), default);
        await _billing.SendAsync(Raw(kind: "command", BillingService.CreateKey, "not json"), default);
        await _billing.SendAsync(Raw(kind: "rumour", BillingService.CreateKey, "{}"), default);

        var run = await billing.Drain("billing");

        Assert.Equal(3, run[DeliveryOutcome.DeadLettered]);
        var reasons = (await billing.DeadLetters().ListAsync()).Select(e => e.Reason).ToArray();
        Assert.Contains(reasons, r => r.Contains("'distributed-kind' header", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("not valid JSON", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("'rumour'", StringComparison.Ordinal));
        Assert.Empty(billing.Log());
    }

    [Fact]
    public async Task A_command_for_a_service_the_map_does_not_list_is_refused_at_the_sender()
    {
        var orders = Service("orders");

        var error = await Assert.ThrowsAsync<UnknownServiceException>(
            () => orders.GetRequiredService<IDistributedBus>().SendCommandAsync("payroll", "payroll.pay", new InvoiceRequest("o-8", 1m)).AsTask());

        Assert.Contains("'payroll'", error.Message, StringComparison.Ordinal);
        Assert.Contains("billing, orders, shipping, audit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_map_refuses_a_service_added_twice_and_two_services_on_one_channel()
    {
        var map = new DistributedServiceMap().AddService("billing", "billing");

        Assert.Throws<InvalidOperationException>(() => map.AddService("billing", "billing-2"));
        var shared = Assert.Throws<InvalidOperationException>(() => map.AddService("orders", "billing"));
        Assert.Contains("'billing' and 'orders'", shared.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_inbox_is_an_endpoint_of_the_services_own_channel_and_only_there()
    {
        var billing = Service("billing");
        var orders = Service("orders");

        var inbox = Assert.Single(billing.GetConsumers().EndpointsOf("billing"));
        Assert.Equal("estuary.distributed", inbox.EndpointId);
        Assert.Empty(billing.GetConsumers().EndpointsOf("orders"));
        Assert.Single(orders.GetConsumers().EndpointsOf("orders"));
    }

    private ServiceProvider Service(string name, bool subscribeBillingToItsOwnEvents = false)
    {
        var host = TestHost.Create(estuary: estuary => estuary
            .AddModule<FunctionalTestsModule>()
            .AddTestChannels()
            .AddChannel("billing", _ => _billing, c => c.Retry = RetryPolicy.None)
            .AddChannel("orders", _ => _orders)
            .AddChannel("shipping", _ => _shipping)
            .AddChannel("audit", _ => _audit)
            .UseDistributedBus(name, map => map
                .AddService("billing", "billing", subscribeBillingToItsOwnEvents ? ["billing.*"] : [])
                .AddService("orders", "orders", "billing.invoice-*")
                .AddService("shipping", "shipping", "billing.*", "orders.*")
                .AddService("audit", "audit", "payroll.*")));
        _hosts.Add(host);
        return host;
    }

    private static ChannelMessage Raw(string? kind, string routingKey, string json)
    {
        var headers = new Dictionary<string, string> { [MessageHeaderNames.RoutingKey] = routingKey };
        if (kind is not null)
        {
            headers[MessageHeaderNames.DistributedKind] = kind;
        }

        return new ChannelMessage { MessageId = Guid.NewGuid(), EndpointId = "estuary.distributed", Payload = Encoding.UTF8.GetBytes(json), Headers = headers };
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }
    }
}

internal static class ChannelPeeking
{
    /// <summary>The messages waiting on the channel, left in place.</summary>
    public static IReadOnlyList<ChannelMessage> Peek(this InMemoryChannel channel)
    {
        var waiting = channel.Drain();
        foreach (var message in waiting)
        {
            _ = channel.SendAsync(message, default);
        }

        return waiting;
    }
}
