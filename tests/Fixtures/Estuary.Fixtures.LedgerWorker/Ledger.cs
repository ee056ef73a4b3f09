using System;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Estuary.Postgres;
using Npgsql;

namespace Estuary.Fixtures.LedgerWorker;

[MessageName("ledger.record-entry")]
public sealed record RecordEntry(int EntryId);

[MessageName("ledger.confirm-entry")]
public sealed record ConfirmEntry(int EntryId);

[JsonSerializable(typeof(RecordEntry))]
[JsonSerializable(typeof(ConfirmEntry))]
internal sealed partial class LedgerJson : JsonSerializerContext;

/// <summary>
/// Each entry is recorded once and confirmed once. The tables have no unique constraint: a second
/// effect of one message would show up as a second row.
/// </summary>
public static class Ledger
{
    public const string Channel = "ledger";

    [Asynchronous(Channel)]
    [CommandHandler(EndpointId = "ledger.record")]
    public static async Task Record(RecordEntry command, PostgresTransaction transaction, ICommandBus commands)
    {
        await InsertAsync(transaction, "ledger_effects", command.EntryId);

        // A pause inside the transaction, so kills also land between the effect and the commit.
        await Task.Delay(Random.Shared.Next(0, 4));
        await commands.SendAsync(new ConfirmEntry(command.EntryId));
    }

    [Asynchronous(Channel)]
    [CommandHandler(EndpointId = "ledger.confirm")]
    public static Task Confirm(ConfirmEntry command, PostgresTransaction transaction) =>
        InsertAsync(transaction, "ledger_confirmations", command.EntryId);

    internal static async Task InsertAsync(PostgresTransaction transaction, string table, int entryId)
    {
        await using var insert = transaction.CreateCommand($"INSERT INTO {table} (entry_id) VALUES ($1)");
        insert.Parameters.Add(new NpgsqlParameter { Value = entryId });
        await insert.ExecuteNonQueryAsync();
    }
}
