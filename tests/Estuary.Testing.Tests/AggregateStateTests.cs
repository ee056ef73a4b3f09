using System;
using System.Threading.Tasks;
using Estuary.Testing.Tests.Shop;
using Xunit;

namespace Estuary.Testing.Tests;

public sealed class AggregateStateTests
{
    [Fact]
    public async Task Given_state_is_what_the_next_command_acts_on_and_the_new_state_can_be_read_back()
    {
        await using var flow = ShopHost.Create();
        var card = Guid.NewGuid();
        await flow.GivenAggregateAsync(card, new LoyaltyCard { CardId = card, Points = 10 });

        await flow.Commands.SendAsync(new EarnPoints(card, 5));

        var state = await flow.AggregateAsync<LoyaltyCard>(card);
        Assert.Equal(15, state!.Points);
        Assert.Null(await flow.AggregateAsync<LoyaltyCard>(Guid.NewGuid()));
    }
}

public sealed class SagaStateTests
{
    [Fact]
    public async Task Given_events_start_the_saga_without_showing_in_the_recorded_traffic()
    {
        await using var flow = ShopHost.Create();
        var customer = Guid.NewGuid();

        await flow.GivenEventsAsync(new CustomerJoined(customer), new PurchaseMade(customer, 20m));

        Assert.Empty(flow.Recorded.Events);
        Assert.Equal(1, (await flow.SagaAsync<WelcomeOffer>(customer))!.Purchases);
    }

    [Fact]
    public async Task Completed_saga_is_gone_and_what_it_published_is_recorded()
    {
        await using var flow = ShopHost.Create();
        var customer = Guid.NewGuid();
        await flow.GivenEventsAsync(new CustomerJoined(customer));

        await flow.Events.PublishAsync(new PurchaseMade(customer, 80m));

        Assert.Null(await flow.SagaAsync<WelcomeOffer>(customer));
        Assert.Contains(new OfferUsed(customer, 8m), flow.Recorded.Events);
    }
}

public sealed class EventSourcedStateTests
{
    [Fact]
    public async Task Given_stream_is_the_history_the_next_command_acts_on_without_being_published()
    {
        await using var flow = ShopHost.Create();
        var card = Guid.NewGuid();
        await flow.GivenStreamAsync<GiftCard>(card, new GiftCardIssued(card, 50m), new GiftCardSpent(card, 20m));

        Assert.Empty(flow.Recorded.Events);
        Assert.Empty(flow.Get<FakeMailer>().Sent);

        await flow.Commands.SendAsync(new SpendGiftCard(card, 25m));

        Assert.Equal([new GiftCardSpent(card, 25m)], flow.Recorded.Events);
        Assert.Equal([new GiftCardIssued(card, 50m), new GiftCardSpent(card, 20m), new GiftCardSpent(card, 25m)], await flow.StreamAsync<GiftCard>(card));
        var state = await flow.AggregateAsync<GiftCard>(card);
        Assert.Equal((3L, 5m), (state!.Version, state.Balance));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await flow.Commands.SendAsync(new SpendGiftCard(card, 6m)));
    }

    [Fact]
    public async Task A_given_stream_continues_an_existing_one_and_unknown_instances_read_as_nothing()
    {
        await using var flow = ShopHost.Create();
        var card = Guid.NewGuid();
        await flow.Commands.SendAsync(new IssueGiftCard(card, 30m));
        Assert.Single(flow.Get<FakeMailer>().Sent);

        await flow.GivenStreamAsync<GiftCard>(card, new GiftCardSpent(card, 10m));

        Assert.Equal(20m, (await flow.AggregateAsync<GiftCard>(card))!.Balance);
        Assert.Null(await flow.AggregateAsync<GiftCard>(Guid.NewGuid()));
        Assert.Empty(await flow.StreamAsync<GiftCard>(Guid.NewGuid()));
    }
}
