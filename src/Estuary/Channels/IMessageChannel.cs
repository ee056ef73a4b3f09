using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Channels;

/// <summary>
/// A named channel asynchronous endpoints receive their messages from. Channels are declared when
/// the host is built (<c>estuary.AddInMemoryChannel("orders")</c>, <c>AddPostgresChannel</c>...).
/// </summary>
public interface IMessageChannel
{
    /// <summary>The channel's name, as used in <see cref="AsynchronousAttribute"/>.</summary>
    string Name { get; }

    /// <summary>
    /// Stores or enqueues a message. A channel that can join the current unit of work (a database
    /// channel inside the handler's transaction) does so, so the message exists only if the
    /// transaction commits.
    /// </summary>
    ValueTask SendAsync(ChannelMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Whether <see cref="SendAsync"/> writes into <paramref name="session"/> when called inside its
    /// unit of work (a database channel on the session's database). Messages for such channels are
    /// written before the session commits; the others are sent after it committed.
    /// </summary>
    bool Joins(ITransactionSession session) => false;

    /// <summary>
    /// Sends several messages, as the outbox forwards them: returns, per message and in order,
    /// <see langword="null"/> when it was sent, or why it was not (the others are sent all the same). A
    /// channel whose server confirms sends (a broker) overrides it to have them all in flight at once; the
    /// default sends them one after the other.
    /// </summary>
    async ValueTask<Exception?[]> SendManyAsync(IReadOnlyList<ChannelMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var failures = new Exception?[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            try
            {
                await SendAsync(messages[i], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures[i] = exception;
            }
        }

        return failures;
    }

    /// <summary>
    /// Whether the channel keeps a message whose <see cref="ChannelMessage.AvailableAt"/> is later until
    /// it is due (the default). A channel that cannot (a broker queue delivers at once) gets delayed
    /// messages from the host's outbox, which stores them and forwards them when they are due; without
    /// an outbox the channel is given them as they are and holds them its own way.
    /// </summary>
    bool HoldsDelayedMessages => true;
}

/// <summary>A channel a consumer pulls messages from.</summary>
public interface IPollableChannel : IMessageChannel
{
    /// <summary>
    /// Takes the next available message, waiting up to <paramref name="wait"/> for one; returns
    /// <see langword="null"/> when none arrived. The message stays owned by the returned delivery
    /// until it is acknowledged, retried or released.
    /// </summary>
    ValueTask<IChannelDelivery?> ReceiveAsync(TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>
    /// Called when a consumer run of this channel ended. A channel whose server pushes messages ahead of
    /// the receives (a broker's prefetch) stops the pushes and hands back what it holds unreceived, so other
    /// consumers get those messages now; the next receive starts again.
    /// </summary>
    ValueTask StopReceivingAsync() => default;
}

/// <summary>
/// One received message, owned by the consumer that received it. Exactly one of
/// <see cref="AcknowledgeAsync"/>, <see cref="RetryAsync"/> or disposal (which releases the message
/// unchanged, e.g. on shutdown) ends it. The consumer disposes the delivery once it is done with the
/// message, after forwarding what its handler sent: a channel that hands out one key's messages one at a
/// time (Kafka) starts the key's next message only then, so what they send leaves in their order.
/// </summary>
public interface IChannelDelivery : IAsyncDisposable
{
    /// <summary>The received message.</summary>
    ChannelMessage Message { get; }

    /// <summary>
    /// Why the channel could not fully read what it received (malformed headers, say), or
    /// <see langword="null"/>. Such a message, with whatever could be read and its payload bytes as
    /// they came, goes to the dead letter with this reason instead of stopping the channel.
    /// </summary>
    Exception? ReadError => null;

    /// <summary>
    /// The transaction the delivery holds, if the channel is transactional: the handler's unit of
    /// work joins it, so its effects, the messages it sends and the removal of this message commit
    /// together. <see langword="null"/> for channels without transactions.
    /// </summary>
    ITransactionSession? Session { get; }

    /// <summary>Removes the message for good (handled, ignored or dead-lettered) and commits the session.</summary>
    ValueTask AcknowledgeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Moves the message to the channel's own dead letter, when it has one (a broker's dead-letter exchange
    /// the channel is configured with), carrying <paramref name="entry"/>'s reason, and ends the delivery.
    /// Returns <see langword="false"/> when it has none or it refused the message: the host's dead letter
    /// stores the entry, and the delivery is acknowledged.
    /// </summary>
    ValueTask<bool> DeadLetterAsync(DeadLetter entry, CancellationToken cancellationToken) => new(false);

    /// <summary>Puts <paramref name="retry"/> (the message with one more failed attempt) back on the channel and commits the session.</summary>
    ValueTask RetryAsync(ChannelMessage retry, CancellationToken cancellationToken);
}

/// <summary>
/// A transaction a delivery or a bus call holds. Each handling attempt runs inside a nested scope
/// (a savepoint), so a failed attempt is undone while the message stays claimed.
/// </summary>
public interface ITransactionSession
{
    /// <summary>Starts an attempt whose work can be undone by <see cref="RollbackAttemptAsync"/>.</summary>
    ValueTask BeginAttemptAsync(CancellationToken cancellationToken);

    /// <summary>Undoes everything since <see cref="BeginAttemptAsync"/>.</summary>
    ValueTask RollbackAttemptAsync(CancellationToken cancellationToken);

    /// <summary>Commits the transaction (used by <see cref="UnitOfWorkScope"/>; a delivery commits through its acknowledgement).</summary>
    ValueTask CommitAsync(CancellationToken cancellationToken);

    /// <summary>Rolls the whole transaction back.</summary>
    ValueTask RollbackAsync(CancellationToken cancellationToken);
}
