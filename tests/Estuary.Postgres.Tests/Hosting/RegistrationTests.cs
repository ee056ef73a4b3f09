using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Estuary.Postgres.Tests;

public sealed class RegistrationTests
{
    private const string ConnectionString = "Host=127.0.0.1;Port=1;Username=nobody;Database=none";

    [Fact]
    public void UsePostgres_registers_the_stores_the_transaction_accessor_and_a_keyed_data_source()
    {
        var services = new ServiceCollection();
        services.AddEstuary(estuary => estuary.UsePostgres(ConnectionString, postgres => postgres.Options.SchemaName = "app_messages"));

        using var provider = services.BuildServiceProvider();

        Assert.IsType<PostgresDeadLetterStore>(provider.GetRequiredService<IDeadLetterStore>());
        Assert.IsType<PostgresDeduplicationStore>(provider.GetRequiredService<IDeduplicationStore>());
        Assert.NotNull(provider.GetRequiredService<PostgresTransaction>());
        Assert.Equal("app_messages", provider.GetRequiredService<PostgresOptions>().SchemaName);
        Assert.NotNull(provider.GetRequiredKeyedService<NpgsqlDataSource>(PostgresEstuaryBuilderExtensions.DataSourceKey));
        Assert.Null(provider.GetService<NpgsqlDataSource>());
        var schema = provider.GetRequiredService<IEstuarySchema>();
        Assert.Contains("app_messages", schema.Name, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE IF NOT EXISTS \"app_messages\".queue", schema.Script(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_source_built_from_a_connection_string_is_disposed_with_the_host()
    {
        var services = new ServiceCollection();
        services.AddEstuary(estuary => estuary.UsePostgres(TestDatabase.ConnectionString));
        var provider = services.BuildServiceProvider();
        var dataSource = provider.GetRequiredKeyedService<NpgsqlDataSource>(PostgresEstuaryBuilderExtensions.DataSourceKey);
        await (await dataSource.OpenConnectionAsync()).DisposeAsync();

        await provider.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await dataSource.OpenConnectionAsync());
    }

    [Theory]
    [InlineData("", PostgresConnectionDefaults.MaxAutoPrepare)]
    [InlineData(";Max Auto Prepare=0", 0)]
    [InlineData(";maxautoprepare=8", 8)]
    public void Data_source_built_from_a_connection_string_prepares_statements_unless_told_otherwise(string setting, int expected)
    {
        var services = new ServiceCollection();
        services.AddEstuary(estuary => estuary.UsePostgres(ConnectionString + setting));
        using var provider = services.BuildServiceProvider();

        var dataSource = provider.GetRequiredKeyedService<NpgsqlDataSource>(PostgresEstuaryBuilderExtensions.DataSourceKey);

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).MaxAutoPrepare);
        Assert.Equal("nobody", new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Username);
    }

    [Fact]
    public async Task Event_store_appends_run_prepared_on_the_data_source_built_from_a_connection_string()
    {
        // One pooled connection, so the store's appends and the check below share one server session.
        var schema = "t_" + Guid.NewGuid().ToString("N");
        var services = new ServiceCollection();
        services.AddEstuary(estuary => estuary.UsePostgres(TestDatabase.ConnectionString + ";Maximum Pool Size=1", postgres => postgres.Options.SchemaName = schema));
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IEventStore>();
        var dataSource = provider.GetRequiredKeyedService<NpgsqlDataSource>(PostgresEstuaryBuilderExtensions.DataSourceKey);
        try
        {
            for (var i = 0; i < 8; i++)
            {
                await store.AppendAsync("prepared-" + i, ExpectedVersion.NoStream, [new EventData(Guid.NewGuid(), "t", "{}"u8.ToArray(), EventMetadata.Empty)]);
            }

            await using var prepared = dataSource.CreateCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE $1");
            prepared.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"%INSERT INTO \"{schema}\".events%" });
            Assert.Equal(1L, await prepared.ExecuteScalarAsync());
        }
        finally
        {
            await using var drop = dataSource.CreateCommand($"DROP SCHEMA \"{schema}\" CASCADE");
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task Given_data_source_stays_the_callers()
    {
        await using var dataSource = new NpgsqlSlimDataSourceBuilder(TestDatabase.ConnectionString).Build();
        var services = new ServiceCollection();
        services.AddEstuary(estuary => estuary.UsePostgres(dataSource));
        var provider = services.BuildServiceProvider();
        Assert.Same(dataSource, provider.GetRequiredKeyedService<NpgsqlDataSource>(PostgresEstuaryBuilderExtensions.DataSourceKey));

        await provider.DisposeAsync();

        await using var connection = await dataSource.OpenConnectionAsync();
    }

    [Fact]
    public void Every_store_shares_one_database_whose_schema_has_the_events_tables_of_the_options_and_the_modules()
    {
        var services = new ServiceCollection();
        services.AddSingleton(new EventStreamTable("invoice", "invoices"));
        services.AddEstuary(estuary => estuary.UsePostgres(ConnectionString, postgres =>
        {
            postgres.Options.SchemaName = "app_messages";
            postgres.Options.EventTables.Add(new EventStreamTable("late", "late_arrivals"));
        }));

        using var provider = services.BuildServiceProvider();
        var database = provider.GetRequiredService<PostgresDatabase>();

        Assert.Same(provider.GetRequiredKeyedService<NpgsqlDataSource>(PostgresEstuaryBuilderExtensions.DataSourceKey), database.DataSource);
        Assert.Equal(["invoice -> invoices", "late -> late_arrivals"], database.EventTables.Select(t => t.StreamPrefix + " -> " + t.Table));

        // Whichever store creates the schema first creates every events table: the schema is the database's.
        var script = provider.GetRequiredService<IEstuarySchema>().Script();
        Assert.Contains("CREATE TABLE IF NOT EXISTS \"app_messages\".events_invoices", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE IF NOT EXISTS \"app_messages\".events_late_arrivals", script, StringComparison.Ordinal);
        Assert.Same(database, provider.GetRequiredService<PostgresDatabase>());
    }

    [Fact]
    public void AddPostgresChannel_without_UsePostgres_names_the_missing_call()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<InvalidOperationException>(() => services.AddEstuary(estuary => estuary.AddPostgresChannel("orders")));

        Assert.Contains("UsePostgres", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UsePostgres_twice_is_refused()
    {
        var services = new ServiceCollection();

        Assert.Throws<InvalidOperationException>(() => services.AddEstuary(estuary => estuary.UsePostgres(ConnectionString).UsePostgres(ConnectionString)));
    }

    [Fact]
    public void Malformed_connection_string_and_schema_name_fail_at_registration()
    {
        Assert.ThrowsAny<ArgumentException>(() => new ServiceCollection().AddEstuary(estuary => estuary.UsePostgres("Host=x;Nonsense Key=1")));
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddEstuary(estuary => estuary.UsePostgres(ConnectionString, postgres => postgres.Options.SchemaName = "Bad-Name")));
    }

    [Fact]
    public void Postgres_channels_are_declared_with_the_host()
    {
        // The core keeps declared channels to itself; declaring a name twice is what shows they were declared.
        Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddEstuary(estuary =>
            estuary.UsePostgres(ConnectionString, postgres => postgres.AddChannel("orders")).AddInMemoryChannel("orders")));
        Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddEstuary(estuary =>
            estuary.UsePostgres(ConnectionString).AddPostgresChannel("billing").AddInMemoryChannel("billing")));
    }
}
