using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Estuary.Postgres;
using Npgsql;

[assembly: Estuary.EstuaryModule("ChannelSubjects")]

namespace Estuary.Benchmarks.ChannelSubjects;

/// <summary>One unit of work; <paramref name="Sequence"/> identifies it in the effect table and in the completion notifications.</summary>
public sealed record ChannelWork(long Sequence);

[JsonSerializable(typeof(ChannelWork))]
internal sealed partial class ChannelSubjectsJson : JsonSerializerContext;

/// <summary>
/// An asynchronous command handler on a Postgres channel that writes one effect row in the
/// delivery's transaction: the row, the removal of the message and the deduplication mark commit
/// together. The suites count these rows to prove every message was handled exactly once.
/// </summary>
public static class WorkHandler
{
    /// <summary>The channel the handler consumes.</summary>
    public const string Channel = "bench_work";

    /// <summary>The effect table (created by the suites, with a trigger that announces each row at commit).</summary>
    public const string EffectTable = "bench.estuary_effects";

    private const string InsertSql = $"INSERT INTO {EffectTable} (sequence) VALUES ($1)";

    [Asynchronous(Channel)]
    [CommandHandler(EndpointId = "bench.work")]
    public static async Task Handle(ChannelWork command, PostgresTransaction transaction)
    {
        await using var insert = transaction.CreateCommand(InsertSql);
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = command.Sequence });
        await insert.ExecuteNonQueryAsync();
    }
}
