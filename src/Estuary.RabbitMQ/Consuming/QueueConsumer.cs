using System;
using System.Threading;
using System.Threading.Tasks;
using RabbitMQ.Client;

namespace Estuary.RabbitMQ;

/// <summary>
/// Consumes one queue with manual acknowledgement. While someone waits for messages, a subscription on a
/// channel of its own has the broker push at most <c>prefetch</c> unacknowledged deliveries, which wait in a
/// buffer of that size until taken (bodies copied: the client reuses its buffer once the callback returns).
/// A consumer the broker cancelled (its queue deleted) or whose channel closed stops receiving although
/// nothing fails: <see cref="ReceiveAsync"/> notices and subscribes again on a new channel. When a wait is
/// cancelled (the consumer stops), the subscription retires: the broker stops pushing, the buffered
/// deliveries go back to the queue at once, and its channel closes once the deliveries being handled are settled.
/// </summary>
internal sealed class QueueConsumer(RabbitMqConnection connection, string queue, ushort prefetch) : IAsyncDisposable
{
    private readonly SemaphoreSlim _starting = new(1, 1);
    private Subscription? _subscription;
    private IChannel? _pull;
    private volatile QueueConsumerState _state = QueueConsumerState.Idle;

    /// <summary>How many times the consumer subscribed.</summary>
    public int Subscriptions { get; private set; }

    /// <summary>What the consumer does now.</summary>
    public QueueConsumerState State => _state == QueueConsumerState.Receiving && Volatile.Read(ref _subscription) is null or { IsStopped: true }
        ? QueueConsumerState.Stopped
        : _state;

    /// <summary>
    /// The next delivery, waiting up to <paramref name="wait"/>; null when none came. Without a wait it
    /// answers whether the queue holds a message now (one <c>basic.get</c>), and subscribes to nothing:
    /// a run that stops when the channel is empty (a test, the CLI) must not guess from a push that may still be on its way.
    /// </summary>
    public async ValueTask<QueueDelivery?> ReceiveAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        if (wait <= TimeSpan.Zero)
        {
            return await TakeWaitingAsync(cancellationToken).ConfigureAwait(false);
        }

        var subscription = await SubscribedAsync(cancellationToken).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, subscription.Stopped);
        timeout.CancelAfter(wait);
        try
        {
            return subscription.Take(await subscription.Buffer.Reader.ReadAsync(timeout.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The consumer stops: nothing more should be pushed to it, and what it holds unread goes back now.
            await subscription.RetireAsync().ConfigureAwait(false);
            throw;
        }
        catch (OperationCanceledException)
        {
            // The wait is over, or the subscription stopped (the next call subscribes again).
            return subscription.Buffer.Reader.TryRead(out var late) ? subscription.Take(late) : null;
        }
    }

    /// <summary>Retires the subscription, if any: no more pushes, the buffered deliveries back to the queue.</summary>
    public async ValueTask StopSubscriptionAsync()
    {
        _state = QueueConsumerState.Idle;
        if (Volatile.Read(ref _subscription) is { } subscription)
        {
            await subscription.RetireAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _subscription, null) is { } subscription)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }

        if (Interlocked.Exchange(ref _pull, null) is { } pull)
        {
            await pull.DisposeAsync().ConfigureAwait(false);
        }

        _starting.Dispose();
    }

    private async ValueTask<QueueDelivery?> TakeWaitingAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _subscription) is { IsStopped: false } running && running.Buffer.Reader.TryRead(out var buffered))
        {
            return running.Take(buffered);
        }

        var pull = await PullChannelAsync(cancellationToken).ConfigureAwait(false);
        var got = await pull.BasicGetAsync(queue, autoAck: false, cancellationToken).ConfigureAwait(false);
        return got is null ? null : new QueueDelivery(pull, got.DeliveryTag, got.Redelivered, got.RoutingKey, got.BasicProperties, got.Body.ToArray(), owner: null);
    }

    private async ValueTask<IChannel> PullChannelAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _pull) is { IsOpen: true } open)
        {
            return open;
        }

        await _starting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_pull is { IsOpen: true } opened)
            {
                return opened;
            }

            if (_pull is { } closed)
            {
                await closed.DisposeAsync().ConfigureAwait(false);
            }

            return _pull = await connection.CreateChannelAsync(confirms: false, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _starting.Release();
        }
    }

    private async ValueTask<Subscription> SubscribedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _subscription) is { IsStopped: false } running)
        {
            return running;
        }

        await _starting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_subscription is { IsStopped: false } started)
            {
                return started;
            }

            // A stopped subscription's channel closes once its deliveries in hand are settled.
            if (_subscription is { } stopped)
            {
                await stopped.RetireAsync().ConfigureAwait(false);
            }

            var channel = await connection.CreateChannelAsync(confirms: false, cancellationToken).ConfigureAwait(false);
            try
            {
                await channel.BasicQosAsync(prefetchSize: 0, prefetchCount: prefetch, global: false, cancellationToken).ConfigureAwait(false);
                var subscription = new Subscription(channel, prefetch);
                subscription.ConsumerTag = await channel.BasicConsumeAsync(queue, autoAck: false, subscription.Consumer, cancellationToken).ConfigureAwait(false);
                Subscriptions++;
                _state = QueueConsumerState.Receiving;
                return _subscription = subscription;
            }
            catch
            {
                // The queue is missing, or the broker is going away: a waiting consumer that cannot subscribe has stopped.
                _state = QueueConsumerState.Stopped;
                await channel.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            _starting.Release();
        }
    }
}

/// <summary>What a <see cref="QueueConsumer"/> does now.</summary>
internal enum QueueConsumerState
{
    /// <summary>No consumer run waits for messages (none started, or the last one ended).</summary>
    Idle,

    /// <summary>Subscribed: the broker pushes messages to it.</summary>
    Receiving,

    /// <summary>Its subscription ended without it asking (the broker cancelled it, its channel closed): it subscribes again at its next receive.</summary>
    Stopped,
}
