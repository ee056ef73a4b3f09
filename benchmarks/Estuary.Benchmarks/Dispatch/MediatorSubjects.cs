using System.Threading;
using System.Threading.Tasks;
using Mediator;

// Mediator 3.0.2 (source-generated). Its generator emits the concrete `Mediator.Mediator` class
// into namespace `Mediator`; no namespace here is called Mediator, so the name stays unambiguous.
namespace Estuary.Benchmarks.Dispatch.OnMediator;

public sealed record Ping(int Id) : ICommand;

public sealed record GetQuote(int ProductId) : IQuery<OnEstuary.Quote>;

public sealed record PriceChanged(int ProductId) : INotification;

public sealed class PingHandler : ICommandHandler<Ping>
{
    public ValueTask<Unit> Handle(Ping command, CancellationToken cancellationToken)
    {
        Tally.Hit(Library.Mediator);
        return default;
    }
}

public sealed class GetQuoteHandler : IQueryHandler<GetQuote, OnEstuary.Quote>
{
    public ValueTask<OnEstuary.Quote> Handle(GetQuote query, CancellationToken cancellationToken)
    {
        Tally.Hit(Library.Mediator);
        return new(OnEstuary.Handlers.Result);
    }
}

public sealed class RepriceHandler : INotificationHandler<PriceChanged>
{
    public ValueTask Handle(PriceChanged notification, CancellationToken cancellationToken)
    {
        Tally.Hit(Library.Mediator);
        return default;
    }
}

public sealed class NotifyHandler : INotificationHandler<PriceChanged>
{
    public ValueTask Handle(PriceChanged notification, CancellationToken cancellationToken)
    {
        Tally.Hit(Library.Mediator);
        return default;
    }
}
