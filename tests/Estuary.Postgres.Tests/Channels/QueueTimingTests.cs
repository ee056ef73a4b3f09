using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.Postgres.Tests;

public sealed class QueueTimingTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Delayed_message_is_not_delivered_before_its_available_time()
    {
        var clock = new ManualClock();
        var channel = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options, clock);
        await channel.SendAsync(Messages.Create("later", availableAt: clock.GetUtcNow().AddMinutes(10)), default);

        Assert.Null(await channel.ReceiveAsync(TimeSpan.FromMilliseconds(200), default));
        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Null(await channel.ReceiveAsync(TimeSpan.Zero, default));
        clock.Advance(TimeSpan.FromMinutes(1));

        await using var delivery = await channel.ReceiveAsync(TimeSpan.Zero, default);
        Assert.Equal("later", delivery?.Message.Text());
    }

    [Fact]
    public async Task Delayed_message_is_available_before_an_older_message_of_lower_priority()
    {
        var clock = new ManualClock();
        var channel = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options, clock);
        await channel.SendAsync(Messages.Create("now", priority: 0), default);
        await channel.SendAsync(Messages.Create("urgent-later", priority: 9, availableAt: clock.GetUtcNow().AddSeconds(30)), default);

        await using (var first = await channel.ReceiveAsync(TimeSpan.Zero, default))
        {
            Assert.Equal("now", first?.Message.Text());
        }

        clock.Advance(TimeSpan.FromSeconds(30));
        await using var second = await channel.ReceiveAsync(TimeSpan.Zero, default);
        Assert.Equal("urgent-later", second?.Message.Text());
    }

    [Fact]
    public async Task Waiting_receiver_gets_a_delayed_message_when_it_falls_due()
    {
        var channel = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options);
        var dueAt = DateTimeOffset.UtcNow.AddSeconds(1.5);
        await channel.SendAsync(Messages.Create("due", availableAt: dueAt), default);

        await using var delivery = await channel.ReceiveAsync(TimeSpan.FromSeconds(30), default);

        Assert.Equal("due", delivery?.Message.Text());
        Assert.True(DateTimeOffset.UtcNow >= dueAt, "delivered before it was due");
        Assert.True(DateTimeOffset.UtcNow < dueAt.AddSeconds(10), "the receiver was not woken when the message fell due");
    }

    [Fact]
    public async Task Expired_message_is_delivered_in_its_turn_for_the_consumer_to_report()
    {
        var clock = new ManualClock();
        var channel = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options, clock);
        await channel.SendAsync(Messages.Create("stale", priority: 5, expiresAt: clock.GetUtcNow().AddMinutes(1)), default);
        await channel.SendAsync(Messages.Create("fresh", expiresAt: clock.GetUtcNow().AddHours(1)), default);
        clock.Advance(TimeSpan.FromMinutes(1));

        foreach (var expected in new[] { "stale", "fresh" })
        {
            await using var delivery = await channel.ReceiveAsync(TimeSpan.Zero, default);
            Assert.Equal(expected, delivery?.Message.Text());
            await delivery!.AcknowledgeAsync(default);
        }

        Assert.Null(await channel.ReceiveAsync(TimeSpan.Zero, default));
        Assert.Equal(0, await database.QueuedAsync(channel.Name));
    }

    [Fact]
    public async Task Notification_wakes_a_waiting_receiver_long_before_its_wait_ends()
    {
        var channel = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options);
        var sender = new PostgresQueueChannel(channel.Name, database.DataSource, database.Options);
        var watch = Stopwatch.StartNew();

        var receiving = channel.ReceiveAsync(TimeSpan.FromSeconds(60), default).AsTask();
        await Task.Delay(500);
        Assert.False(receiving.IsCompleted);
        await sender.SendAsync(Messages.Create("wake up"), default);
        await using var delivery = await receiving.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("wake up", delivery?.Message.Text());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"woken after {watch.Elapsed}");
    }

    [Fact]
    public async Task Cancelling_a_waiting_receive_throws()
    {
        var channel = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await channel.ReceiveAsync(Timeout.InfiniteTimeSpan, cancel.Token));
    }
}
