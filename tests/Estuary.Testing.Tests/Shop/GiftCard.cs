using System;
using System.Text.Json.Serialization;

namespace Estuary.Testing.Tests.Shop;

public sealed record IssueGiftCard(Guid CardId, decimal Amount);

public sealed record SpendGiftCard(Guid CardId, decimal Amount);

[NamedEvent("shop.gift-card-issued")]
public sealed record GiftCardIssued(Guid CardId, decimal Amount);

[NamedEvent("shop.gift-card-spent")]
public sealed record GiftCardSpent(Guid CardId, decimal Amount);

/// <summary>An event-sourced aggregate: its balance is the sum of its events.</summary>
[EventSourcingAggregate(SnapshotEvery = 2)]
public sealed class GiftCard
{
    [Identifier]
    public Guid CardId { get; set; }

    [AggregateVersion]
    public long Version { get; set; }

    public decimal Balance { get; set; }

    [CommandHandler]
    public static GiftCardIssued Issue(IssueGiftCard command) => new(command.CardId, command.Amount);

    [CommandHandler]
    public GiftCardSpent Spend(SpendGiftCard command) => command.Amount <= Balance
        ? new GiftCardSpent(CardId, command.Amount)
        : throw new InvalidOperationException($"Gift card {CardId} holds {Balance}, less than {command.Amount}.");

    [EventSourcingHandler]
    public void On(GiftCardIssued issued)
    {
        CardId = issued.CardId;
        Balance = issued.Amount;
    }

    [EventSourcingHandler]
    public void On(GiftCardSpent spent) => Balance -= spent.Amount;
}

/// <summary>Reacts to issued cards: a given history must not reach it.</summary>
public static class GiftCardMail
{
    [EventHandler]
    public static void Announce(GiftCardIssued issued, FakeMailer mailer) => mailer.Send($"gift card {issued.CardId} issued");
}

[JsonSerializable(typeof(GiftCard))]
[JsonSerializable(typeof(GiftCardIssued))]
[JsonSerializable(typeof(GiftCardSpent))]
[JsonSerializable(typeof(IssueGiftCard))]
[JsonSerializable(typeof(SpendGiftCard))]
internal sealed partial class GiftCardJson : JsonSerializerContext;
