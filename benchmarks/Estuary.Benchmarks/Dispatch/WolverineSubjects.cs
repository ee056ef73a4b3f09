// Wolverine 6.62: conventional handlers (a *Handler class with a Handle method). Static methods,
// because then Wolverine's generated code creates no handler instance per message: the fastest
// shape Wolverine offers. Only this namespace is discovered (see Hosts.Wolverine).
namespace Estuary.Benchmarks.Dispatch.OnWolverine;

public sealed record Ping(int Id);

public sealed record GetQuote(int ProductId);

public sealed record PriceChanged(int ProductId);

public static class PingHandler
{
    public static void Handle(Ping command) => Tally.Hit(Library.Wolverine);
}

public static class GetQuoteHandler
{
    public static OnEstuary.Quote Handle(GetQuote query)
    {
        Tally.Hit(Library.Wolverine);
        return OnEstuary.Handlers.Result;
    }
}

// Two handler types for one message: Wolverine 6 combines them into one chain by default
// (MultipleHandlerBehavior.ClassicCombineIntoOneLogicalHandler), so InvokeAsync runs both.
public static class RepriceHandler
{
    public static void Handle(PriceChanged @event) => Tally.Hit(Library.Wolverine);
}

public static class NotifyHandler
{
    public static void Handle(PriceChanged @event) => Tally.Hit(Library.Wolverine);
}
