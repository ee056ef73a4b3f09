using System;
using System.Collections.Concurrent;

namespace Estuary.Testing.Tests.Shop;

/// <summary>The balance of every gift card, a read model in memory.</summary>
public sealed class GiftCardBalanceTable
{
    public ConcurrentDictionary<Guid, decimal> Balances { get; } = new();
}

/// <summary>Keeps <see cref="GiftCardBalanceTable"/> up to date from the gift card streams.</summary>
[Projection("gift_card_balances")]
[FromAggregateStream(typeof(GiftCard))]
public static class GiftCardBalances
{
    [EventHandler]
    public static void On(GiftCardIssued issued, GiftCardBalanceTable table) => table.Balances[issued.CardId] = issued.Amount;

    [EventHandler]
    public static void On(GiftCardSpent spent, GiftCardBalanceTable table) => table.Balances[spent.CardId] -= spent.Amount;

    [ProjectionReset]
    public static void Reset(GiftCardBalanceTable table) => table.Balances.Clear();
}

/// <summary>The issued cards as documents (the example of docs/testing.md).</summary>
[Projection("issued_gift_cards")]
[FromAggregateStream(typeof(GiftCard))]
public static class IssuedGiftCards
{
    [EventHandler]
    public static System.Threading.Tasks.ValueTask On(GiftCardIssued issued, IDocumentStore documents) =>
        documents.UpsertAsync("issued_cards", issued.CardId.ToString("D"), issued);
}
