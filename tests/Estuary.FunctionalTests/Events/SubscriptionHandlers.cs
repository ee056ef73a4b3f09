namespace Estuary.FunctionalTests.Events;

public interface IAudited
{
    string Actor { get; }
}

public abstract record InventoryEvent(string Sku);

public sealed record StockAdjusted(string Sku, int Delta, string Actor) : InventoryEvent(Sku), IAudited;

public sealed record StockCounted(string Sku, int Count) : InventoryEvent(Sku);

public sealed record PriceChanged(string Sku, string Actor) : IAudited;

/// <summary>Nobody subscribes to it.</summary>
public sealed record NobodyListens(string Note);

public sealed class InventorySubscribers(CallLog log)
{
    [EventHandler(Priority = 2)]
    public void OnStockAdjusted(StockAdjusted adjusted) => log.Add($"adjusted {adjusted.Sku} by {adjusted.Delta}");

    [EventHandler(Priority = 1)]
    public void OnAnyInventoryEvent(InventoryEvent inventory) => log.Add($"inventory {inventory.Sku}");

    [EventHandler]
    public void OnAudited(IAudited audited) => log.Add($"audited {audited.Actor}");
}
