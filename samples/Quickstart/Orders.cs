using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Estuary;

namespace Quickstart;

// Messages are plain records: no base class, no marker interface.
public sealed record PlaceOrder(Guid OrderId, string Product, int Quantity);

public sealed record OrderPlaced(Guid OrderId, string Product, int Quantity);

public sealed record GetOrderStatus(Guid OrderId);

public sealed record OrderStatus(Guid OrderId, string State, string PlacedBy);

/// <summary>Handles the order commands and queries; resolved from DI with its dependencies.</summary>
public sealed class OrderService(OrderBook book, IEventBus events, Journal journal)
{
    // The first parameter is the command; [Header] binds the "user" header sent with it.
    [CommandHandler]
    [Audited]
    public async ValueTask PlaceAsync(PlaceOrder command, [Header("user")] string user, MessageContext context)
    {
        book.Orders[command.OrderId] = new OrderStatus(command.OrderId, "placed", user);
        journal.Write($"OrderService.Place: order {command.OrderId.ToString()[..8]} for {command.Quantity} x {command.Product} by {user} (message {context.MessageId.ToString()[..8]})");

        // Everything sent while handling a message inherits its correlation id and headers.
        await events.PublishAsync(new OrderPlaced(command.OrderId, command.Product, command.Quantity));
    }

    // A query returns its handler's type: queries.SendAsync(new GetOrderStatus(id)) is ValueTask<OrderStatus>.
    [QueryHandler]
    public OrderStatus Get(GetOrderStatus query) =>
        book.Orders.TryGetValue(query.OrderId, out var status) ? status : new OrderStatus(query.OrderId, "unknown", "nobody");
}

/// <summary>Two independent subscribers of <see cref="OrderPlaced"/>.</summary>
public static class OrderPlacedSubscribers
{
    [EventHandler(Priority = 10)]
    public static void ReserveStock(OrderPlaced @event, [Header("user")] string user, MessageContext context, Journal journal) =>
        journal.Write($"Stock.Reserve: {@event.Quantity} x {@event.Product} (user header propagated: {user}, caused by {context.CausationId?.ToString()[..8]})");

    [EventHandler]
    public static void SendConfirmation(OrderPlaced @event, Journal journal) =>
        journal.Write($"Email.Confirm: order {@event.OrderId.ToString()[..8]} confirmed");
}

/// <summary>In-memory storage for the sample.</summary>
public sealed class OrderBook
{
    public ConcurrentDictionary<Guid, OrderStatus> Orders { get; } = new();
}

/// <summary>Collects what happens so the sample can print it in order.</summary>
public sealed class Journal
{
    private int _step;

    public void Write(string line) => Console.WriteLine($"  {Interlocked.Increment(ref _step)}. {line}");
}
