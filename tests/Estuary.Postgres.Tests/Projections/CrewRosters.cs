using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Estuary.Postgres.Tests.Flows;
using Npgsql;

namespace Estuary.Postgres.Tests.Projections;

[NamedEvent("pg.crew.signed")]
public sealed record CrewSigned(string Crew, int Sequence);

/// <summary>Which host's consumer handled an event: each test host registers its own.</summary>
public sealed record CrewWorker(string Name);

/// <summary>
/// A triggered partitioned projection over streams appended directly (no repository sends it triggers):
/// one row per signing, with the consumer that handled it, so a test sees who shared the work.
/// </summary>
[Projection("crew_rosters", Partitioned = true, BatchSize = 40)]
[FromStream("pg-crews")]
[Asynchronous(AccountHandlers.Channel)]
public static class CrewRosters
{
    [ProjectionInitialization]
    public static async Task Create(PostgresTransaction transaction)
    {
        await using var create = transaction.CreateCommand(
            "CREATE TABLE IF NOT EXISTS crew_rosters (id bigserial PRIMARY KEY, stream text NOT NULL, sequence int NOT NULL, worker text NOT NULL)");
        await create.ExecuteNonQueryAsync();
    }

    [EventHandler]
    public static async Task On(CrewSigned signed, MessageContext context, PostgresTransaction transaction, CrewWorker worker)
    {
        await using var insert = transaction.CreateCommand("INSERT INTO crew_rosters (stream, sequence, worker) VALUES ($1, $2, $3)");
        insert.Parameters.Add(new NpgsqlParameter { Value = signed.Crew });
        insert.Parameters.Add(new NpgsqlParameter { Value = signed.Sequence });
        insert.Parameters.Add(new NpgsqlParameter { Value = worker.Name });
        await insert.ExecuteNonQueryAsync();

        // A little work per event, so that two consumers overlap.
        await Task.Delay(2, context.CancellationToken);
    }

    [ProjectionReset]
    public static async Task Reset(PostgresTransaction transaction)
    {
        await using var delete = transaction.CreateCommand("DELETE FROM crew_rosters");
        await delete.ExecuteNonQueryAsync();
    }
}

[JsonSerializable(typeof(CrewSigned))]
internal sealed partial class CrewJson : JsonSerializerContext;
