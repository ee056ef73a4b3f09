using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace Estuary.Postgres.Tests.Reliability;

/// <summary>
/// Worker processes consuming a Postgres channel are killed with SIGKILL at random points while each
/// message's handler writes an effect row and sends a confirmation to a channel outside its transaction
/// (a queue reached through another data source, slow to send). Through the outbox, every effect and
/// every confirmation exists exactly once afterwards and nothing is left in the outbox; the same run
/// without an outbox (confirmations sent after the commit) loses some, which shows the test can fail.
/// </summary>
public sealed class OutboxChaosTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const int Entries = 300;
    private const int Kills = 5;

    private readonly List<string> _schemas = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var schema in _schemas)
        {
            await ScalarAsync(schema, "DROP SCHEMA {schema} CASCADE; SELECT 0::bigint");
        }
    }

    [Fact]
    public async Task Through_the_outbox_every_effect_and_every_forwarded_message_exists_exactly_once_after_workers_are_killed()
    {
        var schema = await NewSchemaAsync();

        var interrupted = await RunWithKillsAsync(schema, "outbox");

        // A last worker lets the relay forward what killed writers left, then the confirmations are consumed.
        using (await WorkerProcess.StartAsync(schema, "outbox"))
        {
            await WaitAsync(schema, "the ledger channel and the outbox are empty", async () =>
                await QueuedAsync(schema, "outbox-ledger") == 0 && await CountAsync(schema, "outbox") == 0);
        }

        using (await WorkerProcess.StartAsync(schema, "confirm"))
        {
            await WaitAsync(schema, "every confirmation is consumed", async () => await QueuedAsync(schema, "confirmations") == 0);
        }

        output.WriteLine($"{interrupted} kills mid-stream; effects {await CountAsync(schema, "ledger_effects")}, confirmations {await CountAsync(schema, "ledger_confirmations")}");
        Assert.True(interrupted >= 2, $"Only {interrupted} kills happened mid-stream; lower the delays.");
        Assert.Equal(0L, await ScalarAsync(schema, "SELECT count(*) FROM (SELECT entry_id FROM {schema}.ledger_effects GROUP BY entry_id HAVING count(*) <> 1) duplicated"));
        Assert.Equal(0L, await ScalarAsync(schema, "SELECT count(*) FROM (SELECT entry_id FROM {schema}.ledger_confirmations GROUP BY entry_id HAVING count(*) <> 1) duplicated"));
        Assert.Equal((long)Entries, await ScalarAsync(schema, "SELECT count(DISTINCT entry_id) FROM {schema}.ledger_effects"));
        Assert.Equal((long)Entries, await ScalarAsync(schema, "SELECT count(DISTINCT entry_id) FROM {schema}.ledger_confirmations"));
        Assert.Equal(0L, await CountAsync(schema, "outbox"));
        Assert.Equal(0L, await CountAsync(schema, "dead_letter"));
    }

    [Fact]
    public async Task Through_the_outbox_to_RabbitMQ_every_effect_and_every_confirmation_exists_exactly_once_after_workers_are_killed()
    {
        // The confirmations channel is a RabbitMQ queue: forwarded with publisher confirms, consumed with
        // acknowledgements after the confirmation's transaction (deduplication mark included) committed.
        var schema = await NewSchemaAsync();

        var interrupted = await RunWithKillsAsync(schema, "outbox-rabbitmq");
        using (await WorkerProcess.StartAsync(schema, "outbox-rabbitmq"))
        {
            await WaitAsync(schema, "the ledger channel and the outbox are empty", async () =>
                await QueuedAsync(schema, "outbox-ledger") == 0 && await CountAsync(schema, "outbox") == 0);
        }

        using (await WorkerProcess.StartAsync(schema, "confirm-rabbitmq"))
        {
            await WaitAsync(schema, "every entry is confirmed", async () =>
                await ScalarAsync(schema, "SELECT count(DISTINCT entry_id) FROM {schema}.ledger_confirmations") == Entries);

            // Redelivered copies of forwarded confirmations (a writer killed after the broker confirmed them,
            // before the outbox row was deleted) arrive meanwhile: deduplication must absorb every one.
            await Task.Delay(TimeSpan.FromSeconds(3));
        }

        output.WriteLine($"{interrupted} kills mid-stream; effects {await CountAsync(schema, "ledger_effects")}, confirmations {await CountAsync(schema, "ledger_confirmations")}");
        Assert.True(interrupted >= 2, $"Only {interrupted} kills happened mid-stream; lower the delays.");
        Assert.Equal(0L, await ScalarAsync(schema, "SELECT count(*) FROM (SELECT entry_id FROM {schema}.ledger_effects GROUP BY entry_id HAVING count(*) <> 1) duplicated"));
        Assert.Equal(0L, await ScalarAsync(schema, "SELECT count(*) FROM (SELECT entry_id FROM {schema}.ledger_confirmations GROUP BY entry_id HAVING count(*) <> 1) duplicated"));
        Assert.Equal((long)Entries, await ScalarAsync(schema, "SELECT count(DISTINCT entry_id) FROM {schema}.ledger_effects"));
        Assert.Equal(0L, await CountAsync(schema, "outbox"));
        Assert.Equal(0L, await CountAsync(schema, "dead_letter"));
    }

    [Fact]
    public async Task Without_an_outbox_the_same_kills_lose_confirmations()
    {
        var schema = await NewSchemaAsync();

        await RunWithKillsAsync(schema, "naive");
        using (await WorkerProcess.StartAsync(schema, "naive"))
        {
            await WaitAsync(schema, "the ledger channel is empty", async () => await QueuedAsync(schema, "outbox-ledger") == 0);
        }

        using (await WorkerProcess.StartAsync(schema, "confirm"))
        {
            await WaitAsync(schema, "every confirmation is consumed", async () => await QueuedAsync(schema, "confirmations") == 0);
        }

        var confirmed = await ScalarAsync(schema, "SELECT count(DISTINCT entry_id) FROM {schema}.ledger_confirmations");
        output.WriteLine($"without an outbox: {Entries - confirmed} of {Entries} confirmations lost");
        Assert.Equal((long)Entries, await ScalarAsync(schema, "SELECT count(DISTINCT entry_id) FROM {schema}.ledger_effects"));
        Assert.True(confirmed < Entries, "No confirmation was lost without the outbox: the kills never landed between a commit and its send, so the test above proves nothing.");
    }

    private async Task<int> RunWithKillsAsync(string schema, string mode)
    {
        var random = new Random(Environment.TickCount);
        var interrupted = 0;
        for (var kill = 0; kill < Kills; kill++)
        {
            var target = (Entries * (kill + 1) / (Kills + 1)) + random.Next(-10, 10);
            using var worker = await WorkerProcess.StartAsync(schema, mode);
            await WaitAsync(schema, $"{target} effects are recorded", async () => await CountAsync(schema, "ledger_effects") >= target);
            await Task.Delay(random.Next(0, 40));
            worker.Kill();

            var recorded = await CountAsync(schema, "ledger_effects");
            output.WriteLine($"{mode} kill {kill + 1}: {recorded} effects, {await CountAsync(schema, "outbox")} in the outbox, {await QueuedAsync(schema, "confirmations")} confirmations queued");
            if (recorded is > 0 and < Entries)
            {
                interrupted++;
            }
        }

        return interrupted;
    }

    /// <summary>A schema of its own with the ledger tables and the commands, written the way any producer may.</summary>
    private async Task<string> NewSchemaAsync()
    {
        var schema = "c_" + Guid.NewGuid().ToString("N");
        _schemas.Add(schema);
        var options = new PostgresOptions { SchemaName = schema };
        await new PostgresSchema(schema).EnsureCreatedAsync(database.DataSource, default);
        await ScalarAsync(schema, "CREATE TABLE {schema}.ledger_effects (entry_id integer NOT NULL); CREATE TABLE {schema}.ledger_confirmations (entry_id integer NOT NULL); SELECT 0::bigint");
        await LedgerCommands.EnqueueAsync(new PostgresQueueChannel("outbox-ledger", database.DataSource, options), "ledger.record-outbox", "ledger.record-outbox-entry", Entries);

        return schema;
    }

    private async Task WaitAsync(string schema, string what, Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what} in {schema}: {await CountAsync(schema, "outbox")} in the outbox.");
            }

            await Task.Delay(20);
        }
    }

    private Task<long> QueuedAsync(string schema, string channel) => ScalarAsync(schema, "SELECT count(*) FROM {schema}.queue WHERE channel = $1", channel);

    private Task<long> CountAsync(string schema, string table) => ScalarAsync(schema, $"SELECT count(*) FROM {{schema}}.{table}");

    private async Task<long> ScalarAsync(string schema, string sql, params object[] parameters)
    {
        await using var command = database.DataSource.CreateCommand(sql.Replace("{schema}", $"\"{schema}\"", StringComparison.Ordinal));
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = parameter });
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }
}
