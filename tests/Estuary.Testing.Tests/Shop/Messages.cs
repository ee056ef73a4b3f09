using System.Text.Json.Serialization;

namespace Estuary.Testing.Tests.Shop;

public sealed record PlaceOrder(string OrderId, int Quantity);

public sealed record OrderPlaced(string OrderId);

/// <summary>Another service's command, received through the distributed bus.</summary>
public sealed record RefundOrder(string OrderId, decimal Amount);

public sealed record CancelOrder(string OrderId);

public sealed record GetOrderStatus(string OrderId);

public sealed record ReserveStock(string OrderId, int Quantity);

public sealed record StockReserved(string OrderId);

public sealed record SendReminder(string Customer);

public sealed record ChargeCard(string OrderId, decimal Amount);

/// <summary>Metadata for the messages that travel through channels.</summary>
[JsonSerializable(typeof(OrderPlaced))]
[JsonSerializable(typeof(RefundOrder))]
[JsonSerializable(typeof(ReserveStock))]
[JsonSerializable(typeof(StockReserved))]
[JsonSerializable(typeof(SendReminder))]
[JsonSerializable(typeof(ChargeCard))]
internal partial class ShopJson : JsonSerializerContext;
