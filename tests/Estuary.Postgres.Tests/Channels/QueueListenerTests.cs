using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.Postgres.Tests;

public sealed class QueueListenerTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Receivers_are_woken_again_after_the_listening_connection_is_killed()
    {
        var channel = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options);
        var receiving = channel.ReceiveAsync(TimeSpan.FromSeconds(60), default).AsTask();
        var listening = await ListeningBackendAsync();

        Assert.True(await database.ScalarAsync<bool>("SELECT pg_terminate_backend($1)", listening));
        var reconnected = await ListeningBackendAsync(other: listening);
        Assert.NotEqual(listening, reconnected);

        var watch = Stopwatch.StartNew();
        await channel.SendAsync(Messages.Create("after reconnect"), default);
        await using var delivery = await receiving.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("after reconnect", delivery?.Message.Text());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"woken after {watch.Elapsed}");
    }

    [Fact]
    public async Task Messages_sent_in_one_transaction_reach_every_waiting_receiver_although_they_raise_one_notification()
    {
        var channel = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options);
        var receivers = Enumerable.Range(0, 3).Select(_ => channel.ReceiveAsync(TimeSpan.FromSeconds(60), default).AsTask()).ToArray();
        await ListeningBackendAsync();
        await Task.Delay(200);

        // PostgreSQL merges identical notifications of one transaction: the three sends wake one
        // receiver, and each receiver that claims a message wakes the next.
        var watch = Stopwatch.StartNew();
        await using (var session = await PostgresSession.BeginAsync(database.DataSource, default))
        {
            for (var i = 0; i < 3; i++)
            {
                await channel.SendAsync(Messages.Create("burst " + i), session, default);
            }

            await session.CommitAsync(default);
        }

        var deliveries = await Task.WhenAll(receivers).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"all received after {watch.Elapsed}");
        Assert.Equal(["burst 0", "burst 1", "burst 2"], deliveries.Select(d => d!.Message.Text()).Order());
        foreach (var delivery in deliveries)
        {
            await delivery!.AcknowledgeAsync(default);
            await delivery.DisposeAsync();
        }
    }

    // The backend of the connection LISTENing to this schema's notifications, once there is one.
    private async Task<int> ListeningBackendAsync(int other = 0)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            var pid = await database.ScalarAsync<object>(
                "SELECT pid FROM pg_stat_activity WHERE query = $1 AND pid <> $2 LIMIT 1", $"LISTEN \"{database.Schema}_queue\"", other);
            if (pid is int found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("No connection is listening to the schema's notifications.");
    }
}
