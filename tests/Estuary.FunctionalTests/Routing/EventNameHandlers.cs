namespace Estuary.FunctionalTests.Routing;

[MessageName("order.placed")]
public sealed record OrderPlaced(string OrderId);

/// <summary>A named event with no typed subscriber: only the wildcard subscriber listens to it.</summary>
[MessageName("order.cancelled")]
public sealed record OrderCancelled(string OrderId);

[MessageName("order.shipped")]
public sealed record OrderShipped(string OrderId, string Carrier);

public sealed class OrderEventSubscribers(CallLog log)
{
    // No message parameter: receives every event whose name matches, whatever its type.
    [EventHandler("order.*")]
    public void OnAnyOrderEvent(MessageContext context) => log.Add($"order.* via {context.RoutingKey ?? "type"}");

    [EventHandler]
    public void OnPlaced(OrderPlaced placed) => log.Add($"placed {placed.OrderId}");

    // A pattern subscriber with a message parameter: routed payloads are converted to OrderShipped.
    [EventHandler("order.shipped")]
    public void OnShipped(OrderShipped shipped) => log.Add($"shipped {shipped.OrderId} by {shipped.Carrier}");

    [EventHandler("invoice.*.paid")]
    public void OnInvoicePaid(MessageContext context) => log.Add($"invoice paid via {context.RoutingKey}");
}
