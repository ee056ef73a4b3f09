// Estuary with synchronous handlers (void or T): synchronous endpoints, dispatched on a pooled
// context. The other libraries' subjects mirror these shapes in their own namespaces.
namespace Estuary.Benchmarks.Dispatch.OnEstuary;

public sealed record Ping(int Id);

public sealed record GetQuote(int ProductId);

public sealed record Quote(int ProductId, decimal Amount);

public sealed record PriceChanged(int ProductId);

public sealed class Handlers
{
    // Every query handler returns a cached result: it allocates nothing itself, so the Allocated
    // column shows only what dispatch costs.
    public static readonly Quote Result = new(1, 9.99m);

    [CommandHandler]
    public void Handle(Ping command) => Tally.Hit(Library.EstuarySync);

    [QueryHandler]
    public Quote Handle(GetQuote query)
    {
        Tally.Hit(Library.EstuarySync);
        return Result;
    }

    [EventHandler]
    public void Reprice(PriceChanged @event) => Tally.Hit(Library.EstuarySync);

    [EventHandler]
    public void Notify(PriceChanged @event) => Tally.Hit(Library.EstuarySync);
}

/// <summary>The baseline: the same work called directly, no dispatch.</summary>
public sealed class DirectHandlers
{
    public void Handle(Ping command) => Tally.Hit(Library.Direct);

    public Quote Handle(GetQuote query)
    {
        Tally.Hit(Library.Direct);
        return Handlers.Result;
    }

    public void Reprice(PriceChanged @event) => Tally.Hit(Library.Direct);

    public void Notify(PriceChanged @event) => Tally.Hit(Library.Direct);
}
