using System;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace Estuary.Postgres.Tests.Reliability;

/// <summary>
/// A worker consuming a Postgres channel is killed with SIGKILL at random points while each message's
/// handler writes an effect row and sends a follow-up message in the delivery's transaction. After a
/// final run drains the channel, every message has had its effect, and its follow-up's, exactly once.
/// </summary>
public sealed class CrashSafetyTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>
{
    private const int Entries = 600;
    private const int Kills = 6;

    [Fact]
    public async Task Every_effect_exists_exactly_once_after_workers_are_killed_at_random_points()
    {
        await database.ScalarAsync<int>("CREATE TABLE {schema}.ledger_effects (entry_id integer NOT NULL); CREATE TABLE {schema}.ledger_confirmations (entry_id integer NOT NULL); SELECT 1");
        await EnqueueAsync();

        var random = new Random(Environment.TickCount);
        var interrupted = 0;
        for (var kill = 0; kill < Kills; kill++)
        {
            // Each worker is killed once the ledger passes a point further along the stream, plus a
            // random moment: the kill lands wherever the handlers happen to be.
            var target = (Entries * (kill + 1) / (Kills + 1)) + random.Next(-20, 20);
            using var worker = await WorkerProcess.StartAsync(database.Schema);
            await WaitForAsync("ledger_effects", target);
            await Task.Delay(random.Next(0, 30));
            worker.Kill();

            var recorded = await CountAsync("ledger_effects");
            output.WriteLine($"kill {kill + 1}: {recorded} entries recorded, {await database.QueuedAsync("ledger")} messages queued");
            if (recorded is > 0 and < Entries)
            {
                interrupted++;
            }
        }

        // The kills must have landed while the stream was being handled, or the test proves nothing.
        Assert.True(interrupted >= 2, $"Only {interrupted} kills happened mid-stream; lower the delays.");

        using (await WorkerProcess.StartAsync(database.Schema))
        {
            await WaitUntilDrainedAsync();
        }

        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM (SELECT entry_id FROM {schema}.ledger_effects GROUP BY entry_id HAVING count(*) <> 1) duplicated"));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM (SELECT entry_id FROM {schema}.ledger_confirmations GROUP BY entry_id HAVING count(*) <> 1) duplicated"));
        Assert.Equal((long)Entries, await database.ScalarAsync<long>("SELECT count(DISTINCT entry_id) FROM {schema}.ledger_effects"));
        Assert.Equal((long)Entries, await database.ScalarAsync<long>("SELECT count(DISTINCT entry_id) FROM {schema}.ledger_confirmations"));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM {schema}.dead_letter"));
    }

    private Task EnqueueAsync() =>
        LedgerCommands.EnqueueAsync(new PostgresQueueChannel("ledger", database.DataSource, database.Options), "ledger.record", "ledger.record-entry", Entries);

    private async Task WaitForAsync(string table, long count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await CountAsync(table) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The worker did not record {count} entries in time.");
            }

            await Task.Delay(10);
        }
    }

    private async Task WaitUntilDrainedAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (await database.QueuedAsync("ledger") > 0 || await CountAsync("ledger_confirmations") < Entries)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The worker did not drain the channel: {await database.QueuedAsync("ledger")} messages left.");
            }

            await Task.Delay(100);
        }
    }

    private async Task<long> CountAsync(string table) => await database.ScalarAsync<long>($"SELECT count(*) FROM {{schema}}.{table}");
}
