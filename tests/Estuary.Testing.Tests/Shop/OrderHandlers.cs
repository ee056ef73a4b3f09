using System.Threading.Tasks;

namespace Estuary.Testing.Tests.Shop;

/// <summary>Handlers that run during the send; placing an order sends and publishes in turn.</summary>
public sealed class OrderHandlers(OrderBook book, ICommandBus commands, IEventBus events)
{
    [CommandHandler]
    public async Task Place(PlaceOrder command)
    {
        book.Set(command.OrderId, "placed");
        await events.PublishAsync(new OrderPlaced(command.OrderId));
        await commands.SendAsync(new ReserveStock(command.OrderId, command.Quantity));
    }

    [CommandHandler("order.cancel")]
    public void Cancel(CancelOrder command, [Header("reason")] string reason) => book.Set(command.OrderId, "cancelled: " + reason);

    [QueryHandler]
    public string Status(GetOrderStatus query) => book.StatusOf(query.OrderId);

    [EventHandler]
    public void MarkReserved(StockReserved @event) => book.Set(@event.OrderId, "reserved");
}
