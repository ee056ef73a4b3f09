using System;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace Estuary.Postgres.Tests;

/// <summary>
/// The test server (ESTUARY_POSTGRES) with a fresh schema for one test class, dropped at the end. The
/// data source is a slim one: it proves Estuary needs no type mapping beyond the basic ones.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private const string Variable = "ESTUARY_POSTGRES";

    private NpgsqlDataSource? _dataSource;

    /// <summary>The schema of this test class.</summary>
    public string Schema { get; } = "t_" + Guid.NewGuid().ToString("N");

    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("The database is not initialised.");

    public PostgresOptions Options => new() { SchemaName = Schema };

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException(
                $"{Variable} is not set, so the PostgreSQL integration tests cannot run. Start the test server and export its connection string: "
                + "eng/services.sh start && eval \"$(eng/services.sh env)\" (eng/test.sh does both).");

    public async Task InitializeAsync()
    {
        _dataSource = new NpgsqlSlimDataSourceBuilder(ConnectionString).Build();
        await new PostgresSchema(Schema).EnsureCreatedAsync(_dataSource, default);
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is null)
        {
            return;
        }

        await using (var drop = _dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{Schema}\" CASCADE"))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await _dataSource.DisposeAsync();
    }

    /// <summary>Runs a scalar query on a connection of its own (outside every test transaction).</summary>
    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql.Replace("{schema}", $"\"{Schema}\"", StringComparison.Ordinal));
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Rows of <paramref name="channel"/> in the queue table, as seen outside every test transaction.</summary>
    public Task<long> QueuedAsync(string channel) => ScalarAsync<long>("SELECT count(*) FROM {schema}.queue WHERE channel = $1", channel);
}
