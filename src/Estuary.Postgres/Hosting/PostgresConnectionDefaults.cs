using System;
using System.Data.Common;
using Npgsql;

namespace Estuary.Postgres;

/// <summary>What <c>UsePostgres(connectionString)</c> changes in the connection string it is given.</summary>
internal static class PostgresConnectionDefaults
{
    /// <summary>
    /// Statements each physical connection keeps prepared when the connection string does not say.
    /// Estuary runs a few dozen distinct statements (appends, reads, queue claims, documents); the
    /// rest is left to the handlers' own SQL on the same connections.
    /// </summary>
    public const int MaxAutoPrepare = 64;

    /// <summary>
    /// The connection string with Npgsql's automatic preparation on, unless it sets
    /// <c>Max Auto Prepare</c> itself (a 0 there is respected). Npgsql prepares a statement after its
    /// fifth use on a connection by sending the Parse message in the same round trip as the
    /// execution, so an append stays one round trip and stops being planned again on every call.
    /// </summary>
    public static NpgsqlConnectionStringBuilder Apply(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!SetsMaxAutoPrepare(connectionString))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
        }

        return builder;
    }

    // NpgsqlConnectionStringBuilder answers ContainsKey for every keyword it knows, set or not, so the
    // raw pairs are read; Npgsql accepts the keyword with or without spaces, in any case.
    private static bool SetsMaxAutoPrepare(string connectionString)
    {
        var pairs = new DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (string key in pairs.Keys)
        {
            if (string.Equals(key.Replace(" ", "", StringComparison.Ordinal), "MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
