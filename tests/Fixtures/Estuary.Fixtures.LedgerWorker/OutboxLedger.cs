using System;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Estuary.Postgres;

namespace Estuary.Fixtures.LedgerWorker;

[MessageName("ledger.record-outbox-entry")]
public sealed record RecordOutboxEntry(int EntryId);

[MessageName("ledger.confirm-outbox-entry")]
public sealed record ConfirmOutboxEntry(int EntryId);

[JsonSerializable(typeof(RecordOutboxEntry))]
[JsonSerializable(typeof(ConfirmOutboxEntry))]
internal sealed partial class OutboxLedgerJson : JsonSerializerContext;

/// <summary>
/// The ledger through the outbox: each entry's effect is written in the delivery's transaction, and
/// its confirmation goes to a channel that cannot join that transaction (a queue reached through
/// another data source), so it travels through the outbox.
/// </summary>
public static class OutboxLedger
{
    public const string Channel = "outbox-ledger";
    public const string Confirmations = "confirmations";

    [Asynchronous(Channel)]
    [CommandHandler(EndpointId = "ledger.record-outbox")]
    public static async Task Record(RecordOutboxEntry command, PostgresTransaction transaction, ICommandBus commands)
    {
        await Ledger.InsertAsync(transaction, "ledger_effects", command.EntryId);
        await Task.Delay(Random.Shared.Next(0, 4));
        await commands.SendAsync(new ConfirmOutboxEntry(command.EntryId));
    }

    [Asynchronous(Confirmations)]
    [CommandHandler(EndpointId = "ledger.confirm-outbox")]
    public static Task Confirm(ConfirmOutboxEntry command, PostgresTransaction transaction) =>
        Ledger.InsertAsync(transaction, "ledger_confirmations", command.EntryId);
}

/// <summary>
/// A channel that takes its time to send (a slow broker, say): it widens the moment between a
/// commit and the send that follows it, where a crash loses a message that no outbox holds.
/// </summary>
public sealed class SlowChannel(IPollableChannel inner) : IPollableChannel
{
    public string Name => inner.Name;

    public async ValueTask SendAsync(ChannelMessage message, CancellationToken cancellationToken)
    {
        await Task.Delay(Random.Shared.Next(20, 60), cancellationToken);
        await inner.SendAsync(message, cancellationToken);
    }

    public ValueTask<IChannelDelivery?> ReceiveAsync(TimeSpan wait, CancellationToken cancellationToken) => inner.ReceiveAsync(wait, cancellationToken);
}
