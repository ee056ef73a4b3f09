using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.Postgres.Tests;

public sealed class QueueOrderTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Higher_priority_is_received_first_then_oldest_first()
    {
        var clock = new ManualClock();
        var channel = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options, clock);
        foreach (var (text, priority) in new[] { ("low", 0), ("high-1", 5), ("middle", 1), ("high-2", 5) })
        {
            await channel.SendAsync(Messages.Create(text, priority), default);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var received = new List<string>();
        while (await channel.ReceiveAsync(TimeSpan.Zero, default) is { } delivery)
        {
            await using (delivery)
            {
                received.Add(delivery.Message.Text());
                await delivery.AcknowledgeAsync(default);
            }
        }

        Assert.Equal(["high-1", "high-2", "middle", "low"], received);
    }

    [Fact]
    public async Task Equal_priority_and_time_is_received_in_send_order()
    {
        var channel = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options, new ManualClock());
        for (var i = 0; i < 5; i++)
        {
            await channel.SendAsync(Messages.Create($"m{i}"), default);
        }

        var received = new List<string>();
        while (await channel.ReceiveAsync(TimeSpan.Zero, default) is { } delivery)
        {
            await using (delivery)
            {
                received.Add(delivery.Message.Text());
                await delivery.AcknowledgeAsync(default);
            }
        }

        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], received);
    }
}
