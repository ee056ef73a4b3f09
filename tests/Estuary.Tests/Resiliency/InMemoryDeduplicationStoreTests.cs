using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Estuary.Tests.Resiliency;

/// <summary>The default deduplication store: marks per endpoint and key, forgotten once expired.</summary>
public sealed class InMemoryDeduplicationStoreTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_key_is_recorded_once_per_endpoint()
    {
        var store = new InMemoryDeduplicationStore(_clock);

        Assert.True(await store.TryRecordAsync("orders.place", "m-1", default));
        Assert.False(await store.TryRecordAsync("orders.place", "m-1", default));
        Assert.True(await store.TryRecordAsync("audit.record", "m-1", default));
        Assert.False(await store.TryRecordAsync("audit.record", "m-1", default));
        Assert.True(await store.TryRecordAsync("orders.place", "m-2", default));
    }

    [Fact]
    public async Task A_message_id_is_a_key_like_any_other_and_differs_from_the_same_id_written_otherwise()
    {
        var store = new InMemoryDeduplicationStore(_clock);
        var id = Guid.CreateVersion7(_clock.GetUtcNow());

        Assert.True(await store.TryRecordAsync("orders.place", id.ToString("D"), default));
        Assert.False(await store.TryRecordAsync("orders.place", id.ToString("D"), default));

        // The same UUID in capitals, without hyphens or in braces is another text, so another key.
        Assert.True(await store.TryRecordAsync("orders.place", id.ToString("D").ToUpperInvariant(), default));
        Assert.True(await store.TryRecordAsync("orders.place", id.ToString("N"), default));
        Assert.True(await store.TryRecordAsync("orders.place", id.ToString("B"), default));
        Assert.False(await store.TryRecordAsync("orders.place", id.ToString("D").ToUpperInvariant(), default));
        Assert.Equal(4, await store.CountRecordedBeforeAsync(_clock.GetUtcNow().AddTicks(1), default));
    }

    [Fact]
    public async Task Expired_marks_of_every_endpoint_are_counted_and_removed_in_batches_and_recent_ones_stay()
    {
        var store = new InMemoryDeduplicationStore(_clock);
        var oldId = Guid.NewGuid().ToString("D");
        for (var i = 0; i < 3; i++)
        {
            await store.TryRecordAsync("orders.place", $"old-{i}", default);
            await store.TryRecordAsync("audit.record", $"old-{i}", default);
        }

        await store.TryRecordAsync("orders.place", oldId, default);

        _clock.Advance(TimeSpan.FromDays(1));
        var limit = _clock.GetUtcNow();
        await store.TryRecordAsync("orders.place", "recent", default);

        Assert.Equal(7, await store.CountRecordedBeforeAsync(limit, default));
        Assert.Equal(4, await store.RemoveExpiredAsync(limit, batchSize: 4, default));
        Assert.Equal(3, await store.CountRecordedBeforeAsync(limit, default));
        Assert.Equal(3, await store.RemoveExpiredAsync(limit, batchSize: 4, default));
        Assert.Equal(0, await store.RemoveExpiredAsync(limit, batchSize: 4, default));

        // Forgotten keys may be recorded again; the recent one is still a duplicate.
        Assert.True(await store.TryRecordAsync("orders.place", oldId, default));
        Assert.True(await store.TryRecordAsync("orders.place", "old-0", default));
        Assert.True(await store.TryRecordAsync("audit.record", "old-2", default));
        Assert.False(await store.TryRecordAsync("orders.place", "recent", default));
    }
}
