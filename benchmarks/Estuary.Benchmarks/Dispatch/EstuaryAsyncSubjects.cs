using System.Threading.Tasks;
using Estuary.Benchmarks.Dispatch.OnEstuary;

// The same handlers returning ValueTask: Estuary wires them as asynchronous endpoints (a fresh
// context carried by an AsyncLocal) even though they complete synchronously here.
namespace Estuary.Benchmarks.Dispatch.OnEstuaryAsync;

public sealed record PingAsync(int Id);

public sealed record GetQuoteAsync(int ProductId);

public sealed record PriceChangedAsync(int ProductId);

public sealed class AsyncHandlers
{
    [CommandHandler]
    public ValueTask Handle(PingAsync command)
    {
        Tally.Hit(Library.EstuaryValueTask);
        return default;
    }

    [QueryHandler]
    public ValueTask<Quote> Handle(GetQuoteAsync query)
    {
        Tally.Hit(Library.EstuaryValueTask);
        return new(Handlers.Result);
    }

    [EventHandler]
    public ValueTask Reprice(PriceChangedAsync @event)
    {
        Tally.Hit(Library.EstuaryValueTask);
        return default;
    }

    [EventHandler]
    public ValueTask Notify(PriceChangedAsync @event)
    {
        Tally.Hit(Library.EstuaryValueTask);
        return default;
    }
}
