using System;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.Postgres.Tests;

public sealed class DeduplicationStoreTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Key_is_recorded_once_and_a_second_record_reports_a_duplicate()
    {
        var store = new PostgresDeduplicationStore(database.DataSource, database.Options);
        var key = Guid.NewGuid().ToString();

        Assert.True(await store.TryRecordAsync("orders.place", key, default));
        Assert.False(await store.TryRecordAsync("orders.place", key, default));
        Assert.True(await store.TryRecordAsync("audit.record", key, default));
    }

    [Fact]
    public async Task Rolled_back_session_undoes_the_mark()
    {
        var store = new PostgresDeduplicationStore(database.DataSource, database.Options);
        var key = Guid.NewGuid().ToString();

        await using (var session = await PostgresSession.BeginAsync(database.DataSource, default))
        {
            Assert.True(await store.TryRecordAsync("orders.place", key, session, default));
            Assert.False(await store.TryRecordAsync("orders.place", key, session, default));
        }

        Assert.True(await store.TryRecordAsync("orders.place", key, default));
    }

    [Fact]
    public async Task Rolled_back_attempt_undoes_the_mark()
    {
        var store = new PostgresDeduplicationStore(database.DataSource, database.Options);
        var key = Guid.NewGuid().ToString();
        await using var session = await PostgresSession.BeginAsync(database.DataSource, default);

        await session.BeginAttemptAsync(default);
        Assert.True(await store.TryRecordAsync("orders.place", key, session, default));
        await session.RollbackAttemptAsync(default);
        await session.BeginAttemptAsync(default);

        Assert.True(await store.TryRecordAsync("orders.place", key, session, default));
    }

    [Fact]
    public async Task Concurrent_duplicate_waits_for_the_first_transaction_and_then_reports_a_duplicate()
    {
        var store = new PostgresDeduplicationStore(database.DataSource, database.Options);
        var key = Guid.NewGuid().ToString();
        await using var first = await PostgresSession.BeginAsync(database.DataSource, default);
        Assert.True(await store.TryRecordAsync("orders.place", key, first, default));

        var second = store.TryRecordAsync("orders.place", key, default).AsTask();
        await Task.Delay(300);
        Assert.False(second.IsCompleted);
        await first.CommitAsync(default);

        Assert.False(await second.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Remove_expired_removes_only_marks_older_than_the_limit_in_batches()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow.AddYears(-50));
        var store = new PostgresDeduplicationStore(database.DataSource, database.Options, clock);
        var endpoint = "cleanup." + Guid.NewGuid().ToString("N");
        for (var i = 0; i < 5; i++)
        {
            await store.TryRecordAsync(endpoint, $"old-{i}", default);
        }

        clock.Advance(TimeSpan.FromDays(1));
        var limit = clock.GetUtcNow();
        await store.TryRecordAsync(endpoint, "recent", default);

        var removed = await store.RemoveExpiredAsync(limit, batchSize: 2, default);

        Assert.Equal(5, removed);
        Assert.True(await store.TryRecordAsync(endpoint, "old-0", default));
        Assert.False(await store.TryRecordAsync(endpoint, "recent", default));
    }
}
