using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;

namespace Estuary.RabbitMQ;

/// <summary>
/// A channel that is a RabbitMQ queue. A send is published to the queue (through the default exchange)
/// with publisher confirms and the mandatory flag: it completes when the broker stored it, and fails when
/// no queue took it. The consumer acknowledges a message only after its handler's work committed. With a
/// database (<c>UsePostgres</c>), each delivery carries a transaction of it: the handler's writes, its
/// deduplication mark, the messages it sends (through the outbox) and a dead-letter entry commit together,
/// then the message is acknowledged, so a crash in between brings the message back to be recognised as a
/// duplicate. A delayed message or retry waits in the outbox; without a database, in a wait queue of the broker
/// (<see cref="WaitQueues"/>).
/// </summary>
internal sealed class RabbitMqChannel : IPollableChannel, IInspectableChannel, IAsyncDisposable
{
    private readonly RabbitMqTransport _transport;
    private readonly QueueConsumer _consumer;
    private readonly WaitQueues _waitQueues;
    private readonly TimeProvider _time;

    public RabbitMqChannel(string name, RabbitMqChannelOptions options, RabbitMqTransport transport, IOutbox? outbox, ITransactionSessionFactory? sessions, TimeProvider time)
    {
        Name = name;
        Queue = options.Queue;
        DeadLetterExchange = options.DeadLetterExchange;
        DeadLetterRoutingKey = options.DeadLetterRoutingKey ?? options.Queue;
        _transport = transport;
        _time = time;
        Outbox = outbox;
        Sessions = sessions;
        _consumer = new QueueConsumer(transport.Connection, Queue, options.EffectivePrefetch);
        _waitQueues = new WaitQueues(transport, Queue);
    }

    public string Name { get; }

    /// <summary>The queue's name.</summary>
    public string Queue { get; }

    /// <summary>The exchange dead letters go to instead of the host's dead letter, if any.</summary>
    internal string? DeadLetterExchange { get; }

    internal string DeadLetterRoutingKey { get; }

    /// <summary>A queue delivers at once: the outbox (or a wait queue) keeps a delayed message until it is due.</summary>
    public bool HoldsDelayedMessages => false;

    /// <summary>The host's outbox, which keeps delayed retries; null without a database.</summary>
    internal IOutbox? Outbox { get; }

    /// <summary>Opens the transaction each delivery carries; null without a database.</summary>
    internal ITransactionSessionFactory? Sessions { get; }

    /// <summary>How many times the consumer subscribed to the queue (more than once after the broker cancelled it or its channel closed).</summary>
    internal int Subscriptions => _consumer.Subscriptions;

    /// <summary>What the channel's consumer does now.</summary>
    internal QueueConsumerState ConsumerState => _consumer.State;

    public async ValueTask SendAsync(ChannelMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _transport.EnsureTopologyAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        if (message.AvailableAt is { } due && due > now)
        {
            await _waitQueues.PublishAsync(message, due - now, cancellationToken).ConfigureAwait(false);
            return;
        }

        await _transport.Publisher.PublishAsync(string.Empty, Queue, AmqpEnvelope.Write(message), message.Payload, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publishes every message at once (the publisher's window bounds how many await their confirm), and reports each one's outcome.</summary>
    public async ValueTask<Exception?[]> SendManyAsync(IReadOnlyList<ChannelMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var sends = new Task[messages.Count];
        for (var i = 0; i < sends.Length; i++)
        {
            sends[i] = SendAsync(messages[i], cancellationToken).AsTask();
        }

        return await SendOutcomes.OfAsync(sends, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IChannelDelivery?> ReceiveAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        await _transport.EnsureTopologyAsync(cancellationToken).ConfigureAwait(false);
        if (await _consumer.ReceiveAsync(wait, cancellationToken).ConfigureAwait(false) is not { } received)
        {
            return null;
        }

        var (message, readError) = AmqpEnvelope.Read(received.Properties, received.Body);
        ITransactionSession? session = null;
        try
        {
            session = Sessions is null ? null : await Sessions.BeginAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The database is down: the message goes back, and the consumer waits before it receives again.
            await received.ReleaseQuietlyAsync().ConfigureAwait(false);
            throw;
        }

        return new RabbitMqDelivery(this, received, message, readError, session);
    }

    /// <summary>
    /// The messages ready in the queue, plus the delayed ones: those the outbox holds for this channel, and
    /// those in the wait queues this process declared (another process's wait queues are not known here).
    /// Messages being handled are not counted.
    /// </summary>
    public async ValueTask<long> CountPendingAsync(CancellationToken cancellationToken)
    {
        await _transport.EnsureTopologyAsync(cancellationToken).ConfigureAwait(false);
        long pending = 0;
        var channel = await _transport.Connection.CreateChannelAsync(confirms: false, cancellationToken).ConfigureAwait(false);
        await using (channel.ConfigureAwait(false))
        {
            foreach (var queue in _waitQueues.Declared.Prepend(Queue))
            {
                pending += (await channel.QueueDeclarePassiveAsync(queue, cancellationToken).ConfigureAwait(false)).MessageCount;
            }
        }

        return Outbox is null ? pending : pending + await Outbox.CountAsync(Name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Publishes a dead letter to <see cref="DeadLetterExchange"/>: the message with its failure in headers.
    /// Returns false when the exchange refused it (none bound, missing): the host's dead letter keeps it then.
    /// </summary>
    internal async ValueTask<bool> PublishDeadLetterAsync(DeadLetter entry, CancellationToken cancellationToken)
    {
        var properties = AmqpEnvelope.Write(entry.Message);
        var headers = properties.Headers!;
        headers["failure-reason"] = entry.Reason;
        headers["failed-channel"] = entry.Channel;
        headers["failed-at"] = entry.FailedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        if (entry.ExceptionType is { } exceptionType)
        {
            headers["failure-exception"] = exceptionType;
        }

        try
        {
            await _transport.Publisher.PublishAsync(DeadLetterExchange!, DeadLetterRoutingKey, properties, entry.Message.Payload, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is UnroutableMessageException or MessageNotConfirmedException)
        {
            return false;
        }
    }

    /// <summary>The consumer run ended: the broker stops pushing, and the messages it pushed ahead go back to the queue.</summary>
    public ValueTask StopReceivingAsync() => _consumer.StopSubscriptionAsync();

    public ValueTask DisposeAsync() => _consumer.DisposeAsync();
}
