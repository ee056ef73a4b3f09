namespace Estuary.Testing.Tests.Shop;

public static class NotificationHandlers
{
    [Asynchronous(ShopChannels.Notifications)]
    [EventHandler(EndpointId = "notifications.order-placed")]
    public static void OrderPlaced(OrderPlaced @event, IMailer mailer) => mailer.Send($"order {@event.OrderId} placed");

    [Asynchronous(ShopChannels.Notifications)]
    [EventHandler(EndpointId = "notifications.stock-reserved")]
    public static void StockReserved(StockReserved @event, IMailer mailer) => mailer.Send($"stock for {@event.OrderId} reserved");

    /// <summary>Other services may ask the shop to refund an order.</summary>
    [Distributed]
    [CommandHandler("shop.refund-order")]
    public static void Refund(RefundOrder command, IMailer mailer) => mailer.Send($"refund {command.Amount} for {command.OrderId}");
}
