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
