using System;
using System.Threading.Tasks;
using Estuary.Testing.Tests.Shop;
using Xunit;

namespace Estuary.Testing.Tests;

public sealed class ProjectionTests
{
    [Fact]
    public async Task A_projection_runs_when_the_test_says_and_sees_the_given_history_and_what_commands_stored()
    {
        await using var flow = ShopHost.Create();
        var card = Guid.NewGuid();
        await flow.GivenStreamAsync<GiftCard>(card, new GiftCardIssued(card, 50m));
        await flow.Commands.SendAsync(new SpendGiftCard(card, 20m));
        var balances = flow.Get<GiftCardBalanceTable>().Balances;

        Assert.Empty(balances);
        Assert.Equal(2, await flow.RunProjectionAsync("gift_card_balances"));

        Assert.Equal(30m, balances[card]);
        Assert.Equal(1, await flow.RunProjectionsAsync());
        Assert.Equal(0, await flow.RunProjectionsAsync());
    }

    [Fact]
    public async Task A_projection_writing_documents_is_read_back_from_the_document_store()
    {
        await using var flow = ShopHost.Create();
        var card = Guid.NewGuid();
        await flow.GivenStreamAsync<GiftCard>(card, new GiftCardIssued(card, 50m));

        Assert.Equal(1, await flow.RunProjectionAsync("issued_gift_cards"));

        Assert.Equal(50m, (await flow.Get<IDocumentStore>().GetAsync<GiftCardIssued>("issued_cards", card.ToString("D"))).Amount);
    }

    [Fact]
    public async Task The_projections_operations_are_at_hand_to_rebuild_from_the_start()
    {
        await using var flow = ShopHost.Create();
        var card = Guid.NewGuid();
        await flow.Commands.SendAsync(new IssueGiftCard(card, 40m));
        await flow.RunProjectionsAsync();
        flow.Get<GiftCardBalanceTable>().Balances[card] = -1m;

        Assert.Equal(1, await flow.Projections.RebuildAsync("gift_card_balances"));

        Assert.Equal(40m, flow.Get<GiftCardBalanceTable>().Balances[card]);
    }
}
