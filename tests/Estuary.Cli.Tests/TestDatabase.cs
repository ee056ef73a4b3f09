using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Npgsql;

namespace Estuary.Cli.Tests;

/// <summary>
/// The test server named by ESTUARY_POSTGRES, with a schema name of its own that nothing has created
/// yet; the schema is dropped when the test ends.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private const string Variable = "ESTUARY_POSTGRES";

    private readonly NpgsqlDataSource _dataSource;

    private TestDatabase(string connectionString)
    {
        ConnectionString = connectionString;
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string ConnectionString { get; }

    public string Schema { get; } = "cli_" + Guid.NewGuid().ToString("N");

    /// <summary>Connects to the test server; fails the test, saying how to start it, when ESTUARY_POSTGRES is unset.</summary>
    public static TestDatabase Open() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } connectionString
            ? new TestDatabase(connectionString)
            : throw new Xunit.Sdk.XunitException(
                $"{Variable} is not set, so the PostgreSQL tests of the CLI cannot run. Start the test server and export its connection string: "
                + "eng/services.sh start && eval \"$(eng/services.sh env)\" (eng/test.sh does both).");

    /// <summary>The tables of this test's schema, by name.</summary>
    public async Task<List<string>> TablesAsync()
    {
        await using var command = _dataSource.CreateCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name");
        command.Parameters.Add(new NpgsqlParameter { Value = Schema });
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    public async Task<long> CountAsync(string table)
    {
        await using var command = _dataSource.CreateCommand($"SELECT count(*) FROM \"{Schema}\".{table}");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await using (var drop = _dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{Schema}\" CASCADE"))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await _dataSource.DisposeAsync();
    }
}
