using System;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;

namespace Estuary.RabbitMQ;

/// <summary>
/// A message received from a RabbitMQ queue, unacknowledged until the delivery ends. The transaction it
/// carries (with a database) commits first, then the message is acknowledged: a crash in between
/// redelivers a message whose deduplication mark is committed, so it is skipped. Disposed without an
/// outcome, the transaction rolls back and the message goes back to the queue.
/// </summary>
internal sealed class RabbitMqDelivery(RabbitMqChannel channel, QueueDelivery received, ChannelMessage message, Exception? readError, ITransactionSession? session) : IChannelDelivery
{
    private bool _ended;

    public ChannelMessage Message { get; } = message;

    public Exception? ReadError { get; } = readError;

    public ITransactionSession? Session => session;

    public async ValueTask AcknowledgeAsync(CancellationToken cancellationToken)
    {
        End();
        await CommitAsync(cancellationToken).ConfigureAwait(false);
        await received.AcknowledgeQuietlyAsync().ConfigureAwait(false);
    }

    public async ValueTask RetryAsync(ChannelMessage retry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retry);
        End();
        if (session is not null && channel.Outbox is { } outbox && outbox.Accepts(session))
        {
            // The retry copy is stored with the attempt's outcome (a delayed one stays until it is due),
            // then this message is acknowledged and the copy forwarded if it is due already.
            var forward = await outbox.StoreAsync(session, [new OutgoingMessage(channel.Name, retry)], cancellationToken).ConfigureAwait(false);
            await CommitAsync(cancellationToken).ConfigureAwait(false);
            await received.AcknowledgeQuietlyAsync().ConfigureAwait(false);
            await outbox.ForwardAsync(forward, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        // The copy is confirmed by the broker before this message is acknowledged: a crash in between
        // leaves both, and deduplication keeps the handler from running twice.
        await CommitAsync(cancellationToken).ConfigureAwait(false);
        await channel.SendAsync(retry, cancellationToken).ConfigureAwait(false); // a delayed copy goes to a wait queue
        await received.AcknowledgeQuietlyAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// With a dead-letter exchange, the message goes there (confirmed) before it is acknowledged; the
    /// transaction holds nothing of the failed attempt by now, and commits what the consumer wrote around it.
    /// </summary>
    public async ValueTask<bool> DeadLetterAsync(DeadLetter entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (channel.DeadLetterExchange is null || !await channel.PublishDeadLetterAsync(entry, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await EndSessionAsync(commit: false, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            if (!_ended)
            {
                _ended = true;
                await received.ReleaseQuietlyAsync().ConfigureAwait(false);
            }
        }
    }

    private ValueTask CommitAsync(CancellationToken cancellationToken) =>
        session is null ? default : EndSessionAsync(commit: true, cancellationToken);

    private ValueTask EndSessionAsync(bool commit, CancellationToken cancellationToken)
    {
        var ending = session;
        session = null;
        return ending is null ? default : ending.EndAsync(commit, cancellationToken);
    }

    private void End()
    {
        if (_ended)
        {
            throw new InvalidOperationException($"The delivery of {Message} already ended: acknowledge or retry a delivery once, then dispose it.");
        }

        _ended = true;
    }
}
