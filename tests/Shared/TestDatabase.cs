using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Npgsql;

namespace Estuary.Testing.Postgres;

/// <summary>The PostgreSQL server of the tests that also use a database, named by ESTUARY_POSTGRES.</summary>
internal static class TestDatabase
{
    public static string ConnectionString => Environment.GetEnvironmentVariable("ESTUARY_POSTGRES")
        ?? throw new InvalidOperationException("ESTUARY_POSTGRES is not set: eng/services.sh start && eval \"$(eng/services.sh env)\" (eng/test.sh does both).");

    public static NpgsqlDataSource Open() => NpgsqlDataSource.Create(ConnectionString);

    /// <summary>Drops a test's schema with everything in it.</summary>
    public static async Task DropSchemaAsync(this NpgsqlDataSource dataSource, string schema)
    {
        await using var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// Schemas of their own for the hosts of one test class, on one data source opened on first use: each host
/// takes a new schema, and disposing drops them all, then closes the data source.
/// </summary>
internal sealed class TestSchemas(string prefix) : IAsyncDisposable
{
    private readonly List<string> _schemas = [];
    private NpgsqlDataSource? _dataSource;

    /// <summary>The test server's data source, opened on first use.</summary>
    public NpgsqlDataSource DataSource => _dataSource ??= TestDatabase.Open();

    /// <summary>A new schema name (not created: Estuary's schema setup creates it), dropped on disposal.</summary>
    public string Next()
    {
        var schema = prefix + Guid.NewGuid().ToString("N");
        _schemas.Add(schema);
        return schema;
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is null)
        {
            return;
        }

        foreach (var schema in _schemas)
        {
            await _dataSource.DropSchemaAsync(schema);
        }

        await _dataSource.DisposeAsync();
    }
}
