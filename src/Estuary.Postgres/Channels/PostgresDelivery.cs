using System;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;

namespace Estuary.Postgres;

/// <summary>
/// A message claimed from the queue table. Its row is already deleted in the session's open
/// transaction: committing makes the removal final, rolling back (or a crash) puts the row back. A row
/// whose payload was too large to read (<paramref name="keptRow"/>) is only locked: acknowledging it
/// deletes it, moving the payload into the message's dead-letter entry.
/// </summary>
internal sealed class PostgresDelivery(PostgresQueueChannel channel, PostgresSession session, ChannelMessage message, Exception? readError, long? keptRow) : IChannelDelivery
{
    private bool _ended;

    public ChannelMessage Message { get; } = message;

    public Exception? ReadError { get; } = readError;

    public ITransactionSession? Session => session;

    public async ValueTask AcknowledgeAsync(CancellationToken cancellationToken)
    {
        End();
        if (keptRow is { } row)
        {
            await channel.RemoveKeptRowAsync(row, session, cancellationToken).ConfigureAwait(false);
        }

        await channel.RemoveUnusedClaimMarkAsync(session, cancellationToken).ConfigureAwait(false);

        await session.CommitAsync(cancellationToken).ConfigureAwait(false);

        // The connection goes back to the pool now, not when the consumer is done with the delivery:
        // what follows (forwarding the outbox) opens connections of its own.
        await session.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask RetryAsync(ChannelMessage retry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retry);
        if (keptRow is not null)
        {
            throw new InvalidOperationException($"The payload of {Message} was not read, so it cannot be sent again: acknowledge the delivery to move it to the dead letter.");
        }

        End();

        // The retry copy and the removal of this row commit together: the message is never lost nor doubled.
        await channel.RemoveUnusedClaimMarkAsync(session, cancellationToken).ConfigureAwait(false);
        await channel.InsertAsync(retry, session.Connection, session.Transaction, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        await session.DisposeAsync().ConfigureAwait(false);
    }

    // Without an outcome the transaction rolls back, and the message is back as it was.
    public ValueTask DisposeAsync() => session.DisposeAsync();

    private void End()
    {
        if (_ended)
        {
            throw new InvalidOperationException($"The delivery of {Message} already ended: acknowledge or retry a delivery once, then dispose it.");
        }

        _ended = true;
    }
}
