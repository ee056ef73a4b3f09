using System;
using System.Threading.Tasks;
using Estuary.Channels;
using Estuary.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Cli.Tests;

/// <summary>The commands against Estuary.Postgres storage on the real server.</summary>
public sealed class PostgresCommandTests
{
    [Fact]
    public async Task Schema_print_shows_the_script_under_its_name_and_creates_nothing()
    {
        await using var database = TestDatabase.Open();
        await using var host = PostgresHost(database);

        var run = await host.RunAsync("estuary schema print");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"-- PostgreSQL (schema \"{database.Schema}\")", run.Lines[0]);
        Assert.Contains(new PostgresSchema(database.Schema).Script().Trim(), run.Output);
        Assert.Contains($"CREATE TABLE IF NOT EXISTS \"{database.Schema}\".", run.Output);
        Assert.Empty(await database.TablesAsync());
    }

    [Fact]
    public async Task Schema_apply_creates_the_tables_and_can_run_again()
    {
        await using var database = TestDatabase.Open();
        await using var host = PostgresHost(database);
        Assert.Empty(await database.TablesAsync());

        var run = await host.RunAsync("estuary schema apply");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([$"Applying PostgreSQL (schema \"{database.Schema}\")...", $"Applied PostgreSQL (schema \"{database.Schema}\")."], run.Lines);
        Assert.Equal(["dead_letter", "deduplication", "documents", "events", "outbox", "projection_partitions", "projections", "queue", "streams", "subject_keys"], await database.TablesAsync());
        Assert.Equal(0, (await host.RunAsync("estuary schema apply")).ExitCode);
    }

    [Fact]
    public async Task Messages_on_a_postgres_channel_are_counted_consumed_dead_lettered_and_replayed()
    {
        await using var database = TestDatabase.Open();
        await using var host = PostgresHost(database, channel: true);
        await host.RunAsync("estuary schema apply");

        await ChannelCommandScenario.CountAndConsumeAsync(host);

        Assert.Equal(1, await database.CountAsync("dead_letter"));
        var dead = await host.RunAsync("estuary deadletter list");
        var id = Assert.Single(dead.Rows)[0];
        Assert.Equal([id, "cli.charge", "work"], dead.Row(id)[..3]);
        Assert.Contains("Reason:        card declined for o-2", (await host.RunAsync($"estuary deadletter show {id} cli.charge")).Lines);

        host.Ledger.CardsDeclined = false;
        Assert.Equal(0, (await host.RunAsync($"estuary deadletter replay {id} cli.charge")).ExitCode);
        Assert.Equal(0, await database.CountAsync("dead_letter"));
        Assert.StartsWith("work: 1 received (Handled: 1)", (await host.RunAsync("estuary run work --stop-when-empty")).Lines[1]);
        Assert.Equal(["shipped o-1", "charged o-2 30"], host.Ledger.Entries);
    }

    [Fact]
    public async Task Dedup_cleanup_counts_then_removes_old_marks_from_the_table_in_batches()
    {
        await using var database = TestDatabase.Open();
        await using var host = PostgresHost(database);
        await host.RunAsync("estuary schema apply");
        var store = host.Services.GetRequiredService<IDeduplicationStore>();
        for (var i = 0; i < 5; i++)
        {
            await store.TryRecordAsync("cli.ship", $"old-{i}", default);
        }

        host.Clock.Advance(TimeSpan.FromDays(10));
        await store.TryRecordAsync("cli.ship", "recent", default);

        var dryRun = await host.RunAsync("estuary dedup cleanup --dry-run");
        Assert.Equal(0, dryRun.ExitCode);
        Assert.StartsWith("Would remove 5 deduplication marks recorded before 2026-03-04 12:00:00Z", dryRun.Output);
        Assert.Equal(3, (await host.RunAsync("estuary dedup cleanup")).ExitCode);
        Assert.Equal(6, await database.CountAsync("deduplication"));

        var run = await host.RunAsync("estuary dedup cleanup --batch-size 2 --yes");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("Removed 5 deduplication marks recorded before 2026-03-04 12:00:00Z", run.Output);
        Assert.Equal(1, await database.CountAsync("deduplication"));
    }

    [Fact]
    public async Task Without_storage_packages_schema_commands_say_so()
    {
        await using var host = CliHost.Create();

        var print = await host.RunAsync("estuary schema print");
        var apply = await host.RunAsync("estuary schema apply");

        Assert.Equal(0, print.ExitCode);
        Assert.StartsWith("No package registered storage", print.Output);
        Assert.Equal(print.Output, apply.Output);
    }

    [Fact]
    public async Task Outbox_shows_what_waits_and_forward_sends_what_is_due()
    {
        await using var database = TestDatabase.Open();
        await using var host = PostgresHost(database, recovery: TimeSpan.Zero);
        await host.RunAsync("estuary schema apply");
        Assert.Equal(["The outbox is empty."], (await host.RunAsync("estuary outbox")).Lines);

        // Stored and committed but never forwarded, as a writer that died after its commit leaves it.
        var outbox = host.Services.GetRequiredService<IOutbox>();
        await using (var session = await PostgresSession.BeginAsync(host.Services.GetRequiredKeyedService<Npgsql.NpgsqlDataSource>(PostgresEstuaryBuilderExtensions.DataSourceKey), default))
        {
            var message = new ChannelMessage { MessageId = Guid.NewGuid(), EndpointId = "cli.ship", MessageName = typeof(ShipOrder).FullName, Payload = "{\"OrderId\":\"o-9\"}"u8.ToArray() };
            await outbox.StoreAsync(session, [new OutgoingMessage(CliChannels.Work, message)], default);
            await session.CommitAsync(default);
        }

        Assert.StartsWith("Outbox: 1 message waiting, 0 failing", (await host.RunAsync("estuary outbox")).Output);
        var forward = await host.RunAsync("estuary outbox forward");

        Assert.Equal(0, forward.ExitCode);
        Assert.Equal(["Took 1 due message. The outbox is empty."], forward.Lines);
        Assert.Equal(1, ((InMemoryChannel)host.Services.GetRequiredService<EstuaryConsumers>().Channel(CliChannels.Work)).Count);
    }

    [Fact]
    public async Task Without_an_outbox_the_outbox_command_says_so()
    {
        await using var host = CliHost.Create();

        var run = await host.RunAsync("estuary outbox");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("This application has no outbox", run.Output);
    }

    /// <summary>
    /// A host on the test's schema. The schema is not created on first use, so only `schema apply`
    /// creates tables; with <paramref name="channel"/> the work channel is a Postgres queue.
    /// </summary>
    private static CliHost PostgresHost(TestDatabase database, bool channel = false, TimeSpan? recovery = null) => CliHost.Create(estuary: e =>
    {
        e.AddModule<CliTestsModule>().UsePostgres(database.ConnectionString, pg =>
        {
            pg.Options.SchemaName = database.Schema;
            pg.Options.AutoCreateSchema = false;
            pg.Options.OutboxRecoveryDelay = recovery ?? pg.Options.OutboxRecoveryDelay;
            if (channel)
            {
                pg.AddChannel(CliChannels.Work);
            }
        });
        if (!channel)
        {
            e.AddInMemoryChannel(CliChannels.Work);
        }
    });
}
