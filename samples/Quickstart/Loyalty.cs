using System;
using Estuary;

namespace Quickstart;

public sealed record RedeemPoints(string CustomerId, int Points);

public sealed record GetLoyaltyPoints(string CustomerId);

// Stored events keep these names whatever the classes are called later.
[NamedEvent("loyalty.points-earned")]
public sealed record PointsEarned(string CustomerId, Guid OrderId, int Points);

[NamedEvent("loyalty.points-redeemed")]
public sealed record PointsRedeemed(string CustomerId, int Points);

/// <summary>
/// An event-sourced aggregate: a customer's loyalty card is the sum of its events, kept in stream
/// <c>loyalty-{customer}</c>. Handlers decide and return the new events; the apply methods below
/// change the state. Estuary generates the rest: load the stream, call the handler, apply and append
/// the events with the version it loaded, publish them.
/// </summary>
[EventSourcingAggregate(SnapshotEvery = 20)]
[Stream("loyalty")]
public sealed class LoyaltyCard
{
    private const int PointsPerItem = 10;

    [Identifier]
    public string CustomerId { get; set; } = string.Empty;

    [AggregateVersion]
    public long Version { get; set; }

    public int Balance { get; set; }

    // A customer's first order opens the card and a later one adds to it: the static factory and the
    // instance handler of one event make a single endpoint that creates the card or loads it. The card
    // is found by the "user" header every message of the order carries.
    [EventHandler]
    public static PointsEarned Open(OrderPlaced placed, [Header("user")] string user) => new(user, placed.OrderId, placed.Quantity * PointsPerItem);

    [EventHandler]
    [IdentifierMapping(nameof(CustomerId), Header = "user")]
    public PointsEarned Earn(OrderPlaced placed) => new(CustomerId, placed.OrderId, placed.Quantity * PointsPerItem);

    [CommandHandler]
    public PointsRedeemed Redeem(RedeemPoints command) => command.Points <= Balance
        ? new PointsRedeemed(CustomerId, command.Points)
        : throw new InvalidOperationException($"{CustomerId} has {Balance} points and cannot redeem {command.Points}.");

    [QueryHandler]
    public int Points(GetLoyaltyPoints query) => Balance;

    [EventSourcingHandler]
    public void On(PointsEarned earned)
    {
        CustomerId = earned.CustomerId;
        Balance += earned.Points;
    }

    [EventSourcingHandler]
    public void On(PointsRedeemed redeemed) => Balance -= redeemed.Points;
}
