using System;
using System.Linq;
using System.Threading.Tasks;
using Estuary.Channels;
using Xunit;

namespace Estuary.Tests.Resiliency;

/// <summary>Generations in the in-memory dead letter: what a replay removes, and what replay-all walks.</summary>
public sealed class InMemoryDeadLetterStoreTests
{
    private static readonly DateTimeOffset s_failedAt = new(2030, 5, 1, 8, 30, 15, TimeSpan.Zero);

    [Fact]
    public async Task Removing_a_replayed_generation_leaves_the_entry_stored_again_since()
    {
        var store = new InMemoryDeadLetterStore();
        var message = Message();
        await store.AddAsync(DeadLetter.For("orders", message, "first failure", null, s_failedAt), default);
        var replayed = (await store.GetAsync(message.MessageId, message.EndpointId, default))!;
        await store.AddAsync(DeadLetter.For("orders", message, "failed again", null, s_failedAt), default);

        Assert.False(await store.RemoveAsync(replayed, default));
        var kept = (await store.GetAsync(message.MessageId, message.EndpointId, default))!;
        Assert.Equal(("failed again", true), (kept.Reason, kept.Generation > replayed.Generation));
        Assert.True(await store.RemoveAsync(kept, default));
        Assert.Equal(0, await store.CountAsync(default));
    }

    [Fact]
    public async Task Listing_generations_walks_the_entries_stored_up_to_a_point_in_storing_order()
    {
        var store = new InMemoryDeadLetterStore();
        var (first, second) = (Message(), Message());
        await store.AddAsync(DeadLetter.For("orders", first, "failed", null, s_failedAt), default);
        await store.AddAsync(DeadLetter.For("orders", second, "failed", null, s_failedAt), default);
        var through = await store.LastGenerationAsync(default);
        await store.AddAsync(DeadLetter.For("orders", first, "failed again", null, s_failedAt), default);

        Assert.Equal([second.MessageId], (await store.ListGenerationsAsync(0, through, 10, default)).Select(e => e.Id));
    }

    private static ChannelMessage Message() => new() { MessageId = Guid.NewGuid(), EndpointId = "orders.place" };
}
