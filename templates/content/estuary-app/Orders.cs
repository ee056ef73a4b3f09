using System.Text.Json.Serialization;
using Estuary;

namespace EstuaryApp;

// Messages are plain types: no base class, no marker interface.
public sealed record PlaceOrder(Guid OrderId, string Product, int Quantity);
public sealed record OrderPlaced(Guid OrderId, string Product, int Quantity);
public sealed record GetOrder(Guid OrderId);
public sealed record Order(Guid OrderId, string Product, int Quantity, string PlacedBy);

// Messages that cross a channel are serialized with System.Text.Json source-generated metadata.
[JsonSerializable(typeof(OrderPlaced))]
internal sealed partial class AppJson : JsonSerializerContext;

/// <summary>Keeps the orders in memory; a real application would use a database.</summary>
public sealed class OrderBook
{
    public Dictionary<Guid, Order> Orders { get; } = [];
}

/// <summary>
/// Handlers are methods marked with an attribute. The generator binds each one to its message at
/// compile time: <c>SendAsync(PlaceOrder)</c> calls <see cref="Place"/> directly, with no lookup.
/// </summary>
public sealed class OrderService(OrderBook book, IEventBus events)
{
    [CommandHandler]
    public async ValueTask Place(PlaceOrder command, [Header("user")] string user)
    {
        book.Orders[command.OrderId] = new Order(command.OrderId, command.Product, command.Quantity, user);
        await events.PublishAsync(new OrderPlaced(command.OrderId, command.Product, command.Quantity));
    }

    [QueryHandler]
    public Order? Get(GetOrder query) => book.Orders.GetValueOrDefault(query.OrderId);
}

/// <summary>Event handlers: every one of them gets each <see cref="OrderPlaced"/>.</summary>
public static class OrderPlacedHandlers
{
    // Runs in the publisher's call.
    [EventHandler]
    public static void Confirm(OrderPlaced placed) =>
        Console.WriteLine($"Confirmation: order of {placed.Quantity} x {placed.Product} received.");

    // Runs later, from the "shipping" channel, retried twice if it fails, then kept in the dead letter.
    [Asynchronous("shipping")]
    [EventHandler(EndpointId = "shipping.book")]
    [Retry(Instant = 2)]
    public static void Ship(OrderPlaced placed) =>
        Console.WriteLine($"Shipping: {placed.Quantity} x {placed.Product} booked with the carrier.");
}
