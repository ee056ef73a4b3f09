using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.Postgres.Tests;

public sealed class QueueConcurrencyTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Receivers_holding_deliveries_get_different_messages()
    {
        var channel = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options);
        for (var i = 0; i < 5; i++)
        {
            await channel.SendAsync(Messages.Create($"m{i}"), default);
        }

        var deliveries = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => channel.ReceiveAsync(TimeSpan.Zero, default).AsTask()));
        try
        {
            Assert.All(deliveries, Assert.NotNull);
            Assert.Equal(5, deliveries.Select(d => d!.Message.MessageId).Distinct().Count());

            // Every row is held by an open delivery: a sixth receiver skips them rather than waiting.
            Assert.Null(await channel.ReceiveAsync(TimeSpan.Zero, default));
        }
        finally
        {
            foreach (var delivery in deliveries)
            {
                if (delivery is not null)
                {
                    await delivery.AcknowledgeAsync(default);
                    await delivery.DisposeAsync();
                }
            }
        }
    }

    [Fact]
    public async Task Competing_consumers_handle_every_message_exactly_once()
    {
        const int Count = 60;
        var channel = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options);
        var sent = new HashSet<Guid>();
        for (var i = 0; i < Count; i++)
        {
            var message = Messages.Create($"m{i}");
            sent.Add(message.MessageId);
            await channel.SendAsync(message, default);
        }

        var handled = new ConcurrentBag<Guid>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (await channel.ReceiveAsync(TimeSpan.Zero, default) is { } delivery)
            {
                await using (delivery)
                {
                    handled.Add(delivery.Message.MessageId);
                    await delivery.AcknowledgeAsync(default);
                }
            }
        })));

        Assert.Equal(Count, handled.Count);
        Assert.Equal(sent, handled.ToHashSet());
    }
}
