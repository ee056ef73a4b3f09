using System;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Estuary.Postgres;

namespace Estuary.Fixtures.LedgerWorker;

/// <summary>An entry booked in an "entries-..." stream, as the crash test appends it.</summary>
[NamedEvent("ledger.entry-booked")]
public sealed record EntryBooked(int EntryId);

[JsonSerializable(typeof(EntryBooked))]
internal sealed partial class LedgerProjectionJson : JsonSerializerContext;

/// <summary>
/// One row per entry handled, in the batch's transaction. The table has no unique constraint: an
/// event handled twice would show up as a second row. A short pause per event, so kills land inside
/// batches, between a handler's row and the batch's commit.
/// </summary>
[Projection("ledger_entries", BatchSize = 40)]
[FromStream("entries")]
public static class LedgerProjection
{
    [EventHandler]
    public static async Task On(EntryBooked booked, PostgresTransaction transaction)
    {
        await Ledger.InsertAsync(transaction, "projected_entries", booked.EntryId);
        await Task.Delay(Random.Shared.Next(0, 3));
    }
}

/// <summary>
/// The same streams as a partitioned projection: one row per event handled, with its stream, version
/// and the process that handled it, in insertion order (seq). No unique constraint: an event handled
/// twice shows up twice; a stream handled out of order shows up in seq order.
/// </summary>
[Projection("ledger_partitions", Partitioned = true, BatchSize = 40)]
[FromStream("entries")]
public static class LedgerPartitions
{
    [EventHandler]
    public static async Task On(RecordedEvent recorded, PostgresTransaction transaction)
    {
        await using var insert = transaction.CreateCommand("INSERT INTO partitioned_entries (stream_id, version, worker) VALUES ($1, $2, $3)");
        insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = recorded.StreamId });
        insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = recorded.StreamVersion });
        insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = Environment.ProcessId });
        await insert.ExecuteNonQueryAsync();
        await Task.Delay(Random.Shared.Next(0, 2));
    }
}
