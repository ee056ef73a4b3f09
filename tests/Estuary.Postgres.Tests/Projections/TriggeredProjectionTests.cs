using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Estuary.Channels;
using Estuary.Postgres.Tests.Flows;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Estuary.Postgres.Tests.Projections;

/// <summary>
/// A triggered projection on PostgreSQL: the append's transaction holds the trigger, the channel's
/// consumer runs the batch in the trigger's transaction, and a failing batch is retried, dead-lettered
/// and replayed like any message.
/// </summary>
public sealed class TriggeredProjectionTests(TestDatabase database) : ProjectionTestClass(database, "DROP TABLE IF EXISTS {schema}.berth_log")
{
    private const string Name = "berth_log";

    [Fact]
    public async Task The_append_commits_its_trigger_with_its_events_and_the_consumer_projects_them()
    {
        var berth = "b-" + Guid.NewGuid().ToString("N");

        // Rolled back: neither the events nor the trigger remain.
        await Assert.ThrowsAsync<InvalidOperationException>(() => Host.GetRequiredService<PostgresUnitOfWork>().RunAsync(async token =>
        {
            await Host.GetRequiredService<ICommandBus>().SendAsync(new DockShip(berth, "Ghost"), token);
            throw new InvalidOperationException("the request failed after docking");
        }));
        Assert.Equal(0L, await PendingAsync());

        await Host.GetRequiredService<PostgresUnitOfWork>().RunAsync(async token => await Host.GetRequiredService<ICommandBus>().SendAsync(new DockShip(berth, "Nautilus"), token));
        Assert.Equal(1L, await PendingAsync());
        await WaitUntilVisibleAsync();

        var run = await ConsumeAsync();

        Assert.Equal(1, run[DeliveryOutcome.Handled]);
        Assert.Equal(["Nautilus"], await ShipsAsync(berth));
        Assert.Equal(0L, await PendingAsync());
    }

    [Fact]
    public async Task A_failing_batch_is_dead_lettered_with_its_reason_keeps_its_position_and_the_replayed_trigger_projects_once_fixed()
    {
        var berth = "b-" + Guid.NewGuid().ToString("N");
        var bug = Host.GetRequiredService<GateBug>();
        bug.FailsFor = "Kraken";
        await Host.GetRequiredService<PostgresUnitOfWork>().RunAsync(async token => await Host.GetRequiredService<ICommandBus>().SendAsync(new DockShip(berth, "Kraken"), token));
        await WaitUntilVisibleAsync();
        var before = await PositionAsync();

        var run = await ConsumeAsync();

        Assert.Equal(1, run[DeliveryOutcome.DeadLettered]);
        var deadLetters = Host.GetRequiredService<DeadLetters>();
        var dead = Assert.Single(await deadLetters.ListAsync(), d => d.Message.EndpointId == "projection:" + Name);
        Assert.Contains("cannot take Kraken yet", dead.Reason, StringComparison.Ordinal);
        Assert.Equal(before, await PositionAsync());
        Assert.Empty(await ShipsAsync(berth));

        bug.FailsFor = null;
        Assert.True(await deadLetters.ReplayAsync(dead.Id, dead.Message.EndpointId));
        run = await ConsumeAsync();

        Assert.Equal(1, run[DeliveryOutcome.Handled]);
        Assert.Equal(["Kraken"], await ShipsAsync(berth));
        Assert.True((await PositionAsync()).CompareTo(before) > 0);
    }

    private Task<ConsumerRunResult> ConsumeAsync() =>
        Host.GetRequiredService<EstuaryConsumers>().RunAsync(AccountHandlers.Channel, new ConsumerLimits { StopWhenEmpty = true });

    private ValueTask<long> PendingAsync() =>
        ((IInspectableChannel)Host.GetRequiredService<EstuaryConsumers>().Channel(AccountHandlers.Channel)).CountPendingAsync(default);

    private async Task<AllPosition> PositionAsync()
    {
        foreach (var status in await Host.GetRequiredService<EstuaryProjections>().StatusAsync())
        {
            if (status.Name == Name)
            {
                return status.Position;
            }
        }

        throw new InvalidOperationException("No status for " + Name);
    }

    /// <summary>
    /// Waits until readers of all events see every appended event: a trigger's batch reads only below the
    /// oldest transaction still running, and tests of other classes keep transactions open meanwhile.
    /// </summary>
    private async Task WaitUntilVisibleAsync()
    {
        var appended = await Database.ScalarAsync<long>("SELECT count(*) FROM {schema}.events");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await Host.GetRequiredService<IEventStore>().ReadAllAsync(AllPosition.Start, 10_000)).Events.Count < appended)
        {
            Assert.True(DateTime.UtcNow < deadline, "The appended events did not become visible to readers of all events.");
            await Task.Delay(20);
        }
    }

    private async Task<List<string>> ShipsAsync(string berth)
    {
        await using var command = Database.DataSource.CreateCommand($"SELECT ship FROM \"{Database.Schema}\".berth_log WHERE berth = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = berth });
        var ships = new List<string>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ships.Add(reader.GetString(0));
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // Not initialized yet: no rows.
        }

        return ships;
    }
}
