using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.Postgres.Tests;

public sealed class QueueListenerTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
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
