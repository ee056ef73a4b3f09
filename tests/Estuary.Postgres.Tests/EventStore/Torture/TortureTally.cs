using System.Text.Json.Serialization;
using System.Threading.Tasks;

namespace Estuary.Postgres.Tests.EventStore.Torture;

/// <summary>What every torture writer appends, in the writers' JSON.</summary>
[NamedEvent("torture.written")]
public sealed record TortureWritten([property: JsonPropertyName("writer")] string Writer, [property: JsonPropertyName("n")] int N);

/// <summary>What the late committer appends.</summary>
[NamedEvent("torture.late")]
public sealed record TortureLate([property: JsonPropertyName("late")] int Late);

[JsonSerializable(typeof(TortureWritten))]
[JsonSerializable(typeof(TortureLate))]
internal sealed partial class TortureJson : JsonSerializerContext;

/// <summary>
/// A projection as a reader of all events under the torture load: one row per event it handled, in
/// the test schema (the projection host's connections search it first), written with its position.
/// Small batches, so the load sees many batch commits.
/// </summary>
[Projection("torture_tally", BatchSize = 23)]
public static class TortureTally
{
    [ProjectionInitialization]
    public static async Task Create(PostgresTransaction transaction)
    {
        await using var create = transaction.CreateCommand("CREATE TABLE IF NOT EXISTS torture_tally (event_id uuid NOT NULL, writer text NOT NULL)");
        await create.ExecuteNonQueryAsync();
    }

    [EventHandler]
    public static async Task On(TortureWritten written, MessageContext context, PostgresTransaction transaction)
    {
        await using var insert = transaction.CreateCommand("INSERT INTO torture_tally (event_id, writer) VALUES ($1, $2)");
        insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = context.MessageId });
        insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = written.Writer });
        await insert.ExecuteNonQueryAsync();
    }

    [EventHandler]
    public static async Task On(TortureLate late, MessageContext context, PostgresTransaction transaction)
    {
        await using var insert = transaction.CreateCommand("INSERT INTO torture_tally (event_id, writer) VALUES ($1, 'late')");
        insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = context.MessageId });
        await insert.ExecuteNonQueryAsync();
    }
}
