using System;
using System.Threading.Tasks;
using Npgsql;

namespace Estuary.Benchmarks.Channels;

/// <summary>
/// The database of the PostgreSQL channel suites: one server for both libraries, each in schemas of
/// its own, and the effect tables their handlers write to. Every effect row is announced at commit
/// (a trigger calls <c>pg_notify</c>, which PostgreSQL delivers only when the handler's transaction
/// commits), so <see cref="EffectListener"/> sees the moment each message's work became durable,
/// the same way for both libraries.
/// </summary>
public static class ChannelDatabase
{
    /// <summary>Set to run the suites on another server than the test server of <see cref="TestServerVariable"/>.</summary>
    public const string Variable = "ESTUARY_BENCH_POSTGRES";

    /// <summary>The test server (eng/services.sh env).</summary>
    public const string TestServerVariable = "ESTUARY_POSTGRES";

    /// <summary>Estuary's queue, dead-letter and deduplication tables.</summary>
    public const string EstuarySchema = "bench_estuary";

    /// <summary>Wolverine's inbox, outbox and node tables.</summary>
    public const string WolverineSchema = "bench_wolverine";

    /// <summary>Wolverine's queue tables.</summary>
    public const string WolverineQueueSchema = "bench_wolverine_queues";

    /// <summary>The notification channel announcing committed effect rows; the payload is the message's sequence number.</summary>
    public const string NotificationChannel = "bench_effects";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } own ? own
        : Environment.GetEnvironmentVariable(TestServerVariable) is { Length: > 0 } test ? test
        : throw new InvalidOperationException(
            $"Neither {Variable} nor {TestServerVariable} is set, so the PostgreSQL channel benchmarks have no database. "
            + "Start the test server and export its connection string: eng/services.sh start && eval \"$(eng/services.sh env)\".");

    /// <summary>Creates the effect tables and their trigger (idempotent).</summary>
    public static async Task PrepareAsync(NpgsqlDataSource dataSource)
    {
        await ExecuteAsync(dataSource, $$"""
            SELECT pg_advisory_lock(hashtext('estuary.benchmarks.channels'));
            CREATE SCHEMA IF NOT EXISTS bench;
            CREATE TABLE IF NOT EXISTS bench.estuary_effects (sequence bigint NOT NULL);
            CREATE TABLE IF NOT EXISTS bench.wolverine_effects (sequence bigint NOT NULL);
            CREATE OR REPLACE FUNCTION bench.announce_effect() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('{{NotificationChannel}}', NEW.sequence::text);
                RETURN NULL;
            END $$;
            DROP TRIGGER IF EXISTS announce ON bench.estuary_effects;
            CREATE TRIGGER announce AFTER INSERT ON bench.estuary_effects FOR EACH ROW EXECUTE FUNCTION bench.announce_effect();
            DROP TRIGGER IF EXISTS announce ON bench.wolverine_effects;
            CREATE TRIGGER announce AFTER INSERT ON bench.wolverine_effects FOR EACH ROW EXECUTE FUNCTION bench.announce_effect();
            SELECT pg_advisory_unlock(hashtext('estuary.benchmarks.channels'));
            """);
    }

    public static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>
    /// Fails unless <paramref name="table"/> holds exactly one row for each of the <paramref name="count"/>
    /// sequence numbers from <paramref name="first"/>, and nothing else: every message handled, once.
    /// </summary>
    public static async Task ExpectEffectsAsync(NpgsqlDataSource dataSource, string table, long first, int count)
    {
        var last = first + count - 1;
        await using var command = dataSource.CreateCommand(
            $"SELECT count(*), count(DISTINCT sequence), count(*) FILTER (WHERE sequence BETWEEN {first} AND {last}) FROM {table}");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (rows, distinct, inRange) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        if (rows != count || distinct != count || inRange != count)
        {
            throw new InvalidOperationException(
                $"{table} should hold one row for each of the {count} messages {first}..{last}; it holds {rows} rows, {distinct} distinct, {inRange} in range. "
                + "A message was lost, handled twice or left over from another run.");
        }
    }

    /// <summary>Fails unless <paramref name="sql"/> counts <paramref name="expected"/> rows.</summary>
    public static async Task ExpectCountAsync(NpgsqlDataSource dataSource, string sql, long expected, string what)
    {
        var found = await CountAsync(dataSource, sql);
        if (found != expected)
        {
            throw new InvalidOperationException($"Expected {expected} {what} after the operation, found {found}.");
        }
    }

    /// <summary>Fails unless <paramref name="sql"/> counts zero rows (an empty queue, no dead letters...).</summary>
    public static async Task ExpectNoneAsync(NpgsqlDataSource dataSource, string sql, string what)
    {
        var found = await CountAsync(dataSource, sql);
        if (found != 0)
        {
            throw new InvalidOperationException($"Expected no {what} after the operation, found {found}.");
        }
    }
}
