using MediatR;

// MediatR 5.1.0, with its synchronous handler base classes (they wrap the result in a Task).
namespace Estuary.Benchmarks.Dispatch.OnMediatR;

public sealed record Ping(int Id) : IRequest;

public sealed record GetQuote(int ProductId) : IRequest<OnEstuary.Quote>;

public sealed record PriceChanged(int ProductId) : INotification;

public sealed class PingHandler : RequestHandler<Ping>
{
    protected override void Handle(Ping request) => Tally.Hit(Library.MediatR);
}

public sealed class GetQuoteHandler : RequestHandler<GetQuote, OnEstuary.Quote>
{
    protected override OnEstuary.Quote Handle(GetQuote request)
    {
        Tally.Hit(Library.MediatR);
        return OnEstuary.Handlers.Result;
    }
}

public sealed class RepriceHandler : NotificationHandler<PriceChanged>
{
    protected override void Handle(PriceChanged notification) => Tally.Hit(Library.MediatR);
}

public sealed class NotifyHandler : NotificationHandler<PriceChanged>
{
    protected override void Handle(PriceChanged notification) => Tally.Hit(Library.MediatR);
}
