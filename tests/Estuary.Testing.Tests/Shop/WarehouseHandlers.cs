using System.Threading.Tasks;

namespace Estuary.Testing.Tests.Shop;

public sealed class WarehouseHandlers(Warehouse warehouse, IEventBus events)
{
    /// <summary>Announces the reservation, then books it; a closed warehouse fails the booking, which undoes the announcement.</summary>
    [Asynchronous(ShopChannels.Warehouse)]
    [CommandHandler(EndpointId = "warehouse.reserve")]
    [Retry(Instant = 0, Delayed = 0)]
    public async Task Reserve(ReserveStock command)
    {
        await events.PublishAsync(new StockReserved(command.OrderId));
        await Task.Yield();
        warehouse.Reserve(command.OrderId, command.Quantity);
    }
}
