using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Estuary.Postgres.Tests;

public sealed class SchemaTests
{
    [Fact]
    public void Script_creates_every_object_only_if_missing()
    {
        var script = new PostgresSchema("billing").Script();

        Assert.Contains("CREATE SCHEMA IF NOT EXISTS \"billing\"", script, StringComparison.Ordinal);
        foreach (var table in new[] { "queue", "dead_letter", "deduplication", "documents", "streams", "events" })
        {
            Assert.Contains($"CREATE TABLE IF NOT EXISTS \"billing\".{table} (", script, StringComparison.Ordinal);
        }

        var creates = script.Split('\n').Where(line => line.TrimStart().StartsWith("CREATE", StringComparison.Ordinal)).ToList();
        Assert.All(creates, line => Assert.Contains("IF NOT EXISTS", line, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Estuary")]
    [InlineData("1queue")]
    [InlineData("bad-name")]
    [InlineData("x\"; DROP TABLE users; --")]
    public void Unusable_schema_name_is_refused_with_the_rule(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new PostgresSchema(name));

        Assert.Contains("lower-case letters, digits and underscores", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dead_letter_table_from_before_generations_gets_the_column_and_keeps_its_entries()
    {
        var schema = new PostgresSchema("t_" + Guid.NewGuid().ToString("N"));
        var dataSource = new NpgsqlSlimDataSourceBuilder(TestDatabase.ConnectionString).Build();
        try
        {
            // The table as the schema created it before entries had generations, with one entry.
            await using (var old = dataSource.CreateCommand($$"""
                CREATE SCHEMA "{{schema.Name}}";
                CREATE TABLE "{{schema.Name}}".dead_letter (
                    message_id uuid NOT NULL, endpoint_id text NOT NULL, channel text NOT NULL, message_name text NULL,
                    headers jsonb NOT NULL DEFAULT '{}', payload bytea NOT NULL, priority integer NOT NULL DEFAULT 0,
                    attempts integer NOT NULL DEFAULT 0, reason text NOT NULL, exception_type text NULL, exception_details text NULL,
                    failed_at timestamptz NOT NULL, PRIMARY KEY (message_id, endpoint_id));
                INSERT INTO "{{schema.Name}}".dead_letter (message_id, endpoint_id, channel, payload, reason, failed_at)
                VALUES (gen_random_uuid(), 'orders.place', 'orders', '\x', 'failed before', now());
                """))
            {
                await old.ExecuteNonQueryAsync();
            }

            await schema.EnsureCreatedAsync(dataSource, default);

            var store = new PostgresDeadLetterStore(dataSource, new PostgresOptions { SchemaName = schema.Name });
            var entry = Assert.Single(await store.ListAsync(0, 10, default));
            Assert.True(entry.Generation > 0);
            Assert.Equal([entry.Id], (await store.ListGenerationsAsync(0, await store.LastGenerationAsync(default), 10, default)).Select(e => e.Id));
        }
        finally
        {
            await using (var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema.Name}\" CASCADE"))
            {
                await drop.ExecuteNonQueryAsync();
            }

            await dataSource.DisposeAsync();
        }
    }

    [Fact]
    public async Task Processes_creating_the_schema_at_the_same_time_do_not_collide()
    {
        var schema = new PostgresSchema("t_" + Guid.NewGuid().ToString("N"));

        // Separate data sources stand for separate processes: each runs the creation itself.
        var sources = Enumerable.Range(0, 6).Select(_ => new NpgsqlSlimDataSourceBuilder(TestDatabase.ConnectionString).Build()).ToArray();
        try
        {
            await Task.WhenAll(sources.Select(source => schema.EnsureCreatedAsync(source, default)));
            await using var count = sources[0].CreateCommand("SELECT count(*) FROM pg_tables WHERE schemaname = $1");
            count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = schema.Name });
            Assert.Equal(10L, await count.ExecuteScalarAsync());

            // Running the script again changes nothing and fails nothing.
            await using var again = sources[0].CreateCommand(schema.Script());
            await again.ExecuteNonQueryAsync();
        }
        finally
        {
            await using (var drop = sources[0].CreateCommand($"DROP SCHEMA IF EXISTS \"{schema.Name}\" CASCADE"))
            {
                await drop.ExecuteNonQueryAsync();
            }

            foreach (var source in sources)
            {
                await source.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Channel_creates_its_schema_on_first_use_unless_told_not_to()
    {
        await using var source = new NpgsqlSlimDataSourceBuilder(TestDatabase.ConnectionString).Build();
        var name = "t_" + Guid.NewGuid().ToString("N");
        try
        {
            var manual = new PostgresQueueChannel("orders", source, new PostgresOptions { SchemaName = name, AutoCreateSchema = false });
            await Assert.ThrowsAsync<PostgresException>(async () => await manual.SendAsync(Messages.Create(), default));

            var automatic = new PostgresQueueChannel("orders", source, new PostgresOptions { SchemaName = name });
            await automatic.SendAsync(Messages.Create("created"), default);
            await using var delivery = await automatic.ReceiveAsync(TimeSpan.Zero, default);
            Assert.Equal("created", delivery?.Message.Text());
        }
        finally
        {
            await using var drop = source.CreateCommand($"DROP SCHEMA IF EXISTS \"{name}\" CASCADE");
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task Registered_schema_applies_the_tables_for_operations_tooling_with_the_events_tables_of_its_routes()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        var services = new ServiceCollection();
        services.AddEstuary(estuary => estuary.UsePostgres(TestDatabase.ConnectionString, postgres =>
        {
            postgres.Options.SchemaName = name;
            postgres.Options.AutoCreateSchema = false;
            postgres.Options.EventTables.Add(new EventStreamTable("orders", "orders"));
        }));
        await using var provider = services.BuildServiceProvider();
        var dataSource = provider.GetRequiredKeyedService<NpgsqlDataSource>(PostgresEstuaryBuilderExtensions.DataSourceKey);
        try
        {
            await provider.GetRequiredService<IEstuarySchema>().ApplyAsync(default);

            await using var count = dataSource.CreateCommand("SELECT count(*) FROM pg_tables WHERE schemaname = $1");
            count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });

            // queue, outbox, dead_letter, deduplication, projections, projection_partitions, documents, streams, events, subject_keys, and events_orders.
            Assert.Equal(11L, await count.ExecuteScalarAsync());
        }
        finally
        {
            await using var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{name}\" CASCADE");
            await drop.ExecuteNonQueryAsync();
        }
    }
}
