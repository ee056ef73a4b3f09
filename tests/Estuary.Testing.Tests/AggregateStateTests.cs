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
