using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Postgres.Tests.Projections;

/// <summary>
/// A synchronous projection on PostgreSQL: written in the appending transaction, rolled back with it,
/// never skipping the events of an older transaction still open, never handling an event twice.
/// </summary>
public sealed class SynchronousProjectionTests(TestDatabase database) : ProjectionTestClass(database, "DROP TABLE IF EXISTS {schema}.berth_board; DROP TABLE IF EXISTS {schema}.berth_log")
{
    private const string Name = "berth_board";

    [Fact]
    public async Task The_read_model_commits_with_the_append_and_rolls_back_with_it()
    {
        var berth = "b-" + Guid.NewGuid().ToString("N");

        await Assert.ThrowsAsync<InvalidOperationException>(() => DockAsync(berth, "Ghost", fail: true));
        Assert.Empty(await ShipsAsync(berth));

        await DockAsync(berth, "Nautilus");

        // No catch-up ran: the row committed with the event.
        Assert.Equal(["Nautilus"], await ShipsAsync(berth));
        Assert.Single((await RecordAsync()).Ahead);
    }

    [Fact]
    public async Task A_failing_handler_fails_the_append_so_neither_the_events_nor_the_read_model_change()
    {
        var berth = "b-" + Guid.NewGuid().ToString("N");
        Host.GetRequiredService<GateBug>().FailsFor = "Kraken on the board";

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => DockAsync(berth, "Kraken"));

        Assert.Contains("cannot show Kraken yet", failure.Message, StringComparison.Ordinal);
        Assert.Empty(await ShipsAsync(berth));
        Assert.Null(await Host.GetRequiredService<IEventStore>().GetStreamAsync("pg-berths-" + berth));
    }

    [Fact]
    public async Task An_append_behind_an_older_open_transaction_is_handled_ahead_and_the_older_events_are_handled_after_never_skipped_never_twice()
    {
        var older = "b-" + Guid.NewGuid().ToString("N");
        var newer = "b-" + Guid.NewGuid().ToString("N");
        var appended = new TaskCompletionSource();
        var release = new TaskCompletionSource();

        // An older transaction appends without the repository (no synchronous run) and stays open.
        var holding = Host.GetRequiredService<PostgresUnitOfWork>().RunAsync(async token =>
        {
            var data = await Host.GetRequiredService<Runtime.EstuaryRuntime>().Events.SerializeAsync(new ShipDocked(older, "Slowboat"), new EventMetadata(), token);
            await Host.GetRequiredService<IEventStore>().AppendAsync("pg-berths-" + older, ExpectedVersion.NoStream, [data], token);
            appended.SetResult();
            await release.Task;
        });
        await appended.Task;

        await DockAsync(newer, "Speedboat");
        Assert.Equal(["Speedboat"], await ShipsAsync(newer));
        Assert.Empty(await ShipsAsync(older));

        release.SetResult();
        await holding;

        // The worker's catch-up: the older event once it is visible; the newer one is passed over.
        var handled = 0;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (handled == 0 && DateTime.UtcNow < deadline)
        {
            handled += await Projections.CatchUpAsync(Name);
            await Task.Delay(20);
        }

        Assert.Equal(1, handled);
        Assert.Equal(["Slowboat"], await ShipsAsync(older));
        Assert.Equal(["Speedboat"], await ShipsAsync(newer));
        Assert.Equal(0, await Projections.CatchUpAsync(Name));
        Assert.Empty((await RecordAsync()).Ahead);
    }

    private async Task DockAsync(string berth, string ship, bool fail = false) =>
        await Host.GetRequiredService<PostgresUnitOfWork>().RunAsync(async token =>
        {
            await Host.GetRequiredService<ICommandBus>().SendAsync(new DockShip(berth, ship), token);
            if (fail)
            {
                throw new InvalidOperationException("the request failed after docking");
            }
        });

    private async Task<ProjectionRecord> RecordAsync() =>
        (await Host.GetRequiredService<IProjectionStore>().ListAsync(default)).Single(r => r.Name == Name);

    private async Task<List<string>> ShipsAsync(string berth)
    {
        if (await Database.ScalarAsync<bool>("SELECT to_regclass('{schema}.berth_board') IS NULL"))
        {
            return [];
        }

        await using var command = Database.DataSource.CreateCommand($"SELECT ship FROM \"{Database.Schema}\".berth_board WHERE berth = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = berth });
        await using var reader = await command.ExecuteReaderAsync();
        var ships = new List<string>();
        while (await reader.ReadAsync())
        {
            ships.Add(reader.GetString(0));
        }

        return ships;
    }
}
