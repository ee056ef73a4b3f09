using System;
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
