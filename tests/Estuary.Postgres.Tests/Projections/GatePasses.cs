using System;
using System.Text.Json.Serialization;
using System.Threading.Tasks;

namespace Estuary.Postgres.Tests.Projections;

[NamedEvent("pg.gate.passed")]
public sealed record GatePassed(string GateId, string Person);

[NamedEvent("pg.gate.closed")]
public sealed record GateClosed(string GateId);

[JsonSerializable(typeof(GatePassed))]
[JsonSerializable(typeof(GateClosed))]
internal sealed partial class GateJson : JsonSerializerContext;

/// <summary>Makes the projection's handler fail for one person, the way a bug would, until the test fixes it.</summary>
public sealed class GateBug
{
    public string? FailsFor { get; set; }
}

/// <summary>Counts the projection's flushes (one per batch that handled events).</summary>
public sealed class GateFlushes
{
    private int _count;

    public int Count => _count;

    public void Add() => System.Threading.Interlocked.Increment(ref _count);
}

/// <summary>
/// Who passed which gate, in a table of the test schema (the host's connections search it first),
/// written in each batch's transaction through <see cref="PostgresTransaction"/>.
/// </summary>
[Projection("gate_passes", BatchSize = 3)]
[FromStream("pg-gates")]
public sealed class GatePassesProjection(GateBug bug)
{
    [ProjectionInitialization]
    public static async Task Create(PostgresTransaction transaction)
    {
        await using var create = transaction.CreateCommand(
            "CREATE TABLE IF NOT EXISTS gate_passes (event_id uuid NOT NULL, gate text NOT NULL, person text NOT NULL, seen_by text NOT NULL)");
        await create.ExecuteNonQueryAsync();
    }

    [EventHandler]
    public async Task On(GatePassed passed, MessageContext context, PostgresTransaction transaction, [Header("seen-by")] string? seenBy)
    {
        if (bug.FailsFor == passed.Person)
        {
            throw new InvalidOperationException($"The projection cannot handle {passed.Person} yet.");
        }

        await using var insert = transaction.CreateCommand("INSERT INTO gate_passes (event_id, gate, person, seen_by) VALUES ($1, $2, $3, $4)");
        insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = context.MessageId });
        insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = passed.GateId });
        insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = passed.Person });
        insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = seenBy ?? "-" });
        await insert.ExecuteNonQueryAsync();
    }

    [EventHandler]
    public static async Task On(GateClosed closed, MessageContext context, PostgresTransaction transaction)
    {
        await using var insert = transaction.CreateCommand("INSERT INTO gate_passes (event_id, gate, person, seen_by) VALUES ($1, $2, '(closed)', '-')");
        insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = context.MessageId });
        insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = closed.GateId });
        await insert.ExecuteNonQueryAsync();
    }

    [ProjectionFlush]
    public static void Flush(GateFlushes flushes) => flushes.Add();

    [ProjectionReset]
    public static async Task Clear(PostgresTransaction transaction)
    {
        await using var delete = transaction.CreateCommand("DELETE FROM gate_passes");
        await delete.ExecuteNonQueryAsync();
    }

    [ProjectionDelete]
    public static async Task Drop(PostgresTransaction transaction)
    {
        await using var drop = transaction.CreateCommand("DROP TABLE IF EXISTS gate_passes");
        await drop.ExecuteNonQueryAsync();
    }
}
