using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using RabbitMQ.Client;

namespace Estuary.RabbitMQ;

/// <summary>
/// Consumes one queue with manual acknowledgement on a channel of its own: the broker pushes at most
/// <c>prefetch</c> unacknowledged deliveries, which wait in a buffer of that size until taken. Each
/// delivery's body is copied (the client reuses its buffer once the callback returns). A consumer the
/// broker cancelled (its queue deleted) or whose channel closed stops receiving although nothing fails:
/// <see cref="ReceiveAsync"/> notices, and consumes again on a new channel, so a consumer never stays
/// silent while its queue exists. Deliveries of a channel that closed are not acknowledged: the broker
/// requeued them when it closed.
/// </summary>
internal sealed class QueueConsumer(RabbitMqConnection connection, string queue, ushort prefetch) : IAsyncDisposable
{
    private readonly SemaphoreSlim _starting = new(1, 1);
    private Subscription? _subscription;

    /// <summary>How many times the consumer subscribed (1 while nothing went wrong).</summary>
    public int Subscriptions { get; private set; }

    /// <summary>The next delivery, waiting up to <paramref name="wait"/>; null when none came.</summary>
    public async ValueTask<QueueDelivery?> ReceiveAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var subscription = await SubscribedAsync(cancellationToken).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, subscription.Stopped);
        timeout.CancelAfter(wait);
        try
        {
            return await subscription.Buffer.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The wait is over, or the subscription stopped (the next call subscribes again).
            return subscription.Buffer.Reader.TryRead(out var late) ? late : null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _subscription, null) is { } subscription)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }

        _starting.Dispose();
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

            if (_subscription is { } stopped)
            {
                await stopped.DisposeAsync().ConfigureAwait(false);
            }

            var channel = await connection.CreateChannelAsync(confirms: false, cancellationToken).ConfigureAwait(false);
            await channel.BasicQosAsync(prefetchSize: 0, prefetchCount: prefetch, global: false, cancellationToken).ConfigureAwait(false);
            var subscription = new Subscription(channel, prefetch);
            await channel.BasicConsumeAsync(queue, autoAck: false, subscription.Consumer, cancellationToken).ConfigureAwait(false);
            Subscriptions++;
            return _subscription = subscription;
        }
        finally
        {
            _starting.Release();
        }
    }

    /// <summary>One basic.consume on one channel, and the deliveries it buffered.</summary>
    private sealed class Subscription : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stopped = new();

        public Subscription(IChannel channel, ushort prefetch)
        {
            Channel = channel;
            Buffer = System.Threading.Channels.Channel.CreateBounded<QueueDelivery>(new BoundedChannelOptions(Math.Max(1, (int)prefetch)) { SingleWriter = true });
            Consumer = new SubscriptionConsumer(this);
            channel.ChannelShutdownAsync += (_, _) => StopAsync();
        }

        public IChannel Channel { get; }

        public Channel<QueueDelivery> Buffer { get; }

        public AsyncDefaultBasicConsumer Consumer { get; }

        public CancellationToken Stopped => _stopped.Token;

        public bool IsStopped => _stopped.IsCancellationRequested || !Channel.IsOpen;

        public Task StopAsync() => _stopped.CancelAsync();

        public async ValueTask DisposeAsync()
        {
            await StopAsync().ConfigureAwait(false);
            await Channel.DisposeAsync().ConfigureAwait(false);
            _stopped.Dispose();
        }

        private sealed class SubscriptionConsumer(Subscription subscription) : AsyncDefaultBasicConsumer(subscription.Channel)
        {
            public override async Task HandleBasicDeliverAsync(
                string consumerTag, ulong deliveryTag, bool redelivered, string exchange, string routingKey, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
            {
                // At most prefetch deliveries are unacknowledged, and the buffer holds that many: this never waits long.
                var delivery = new QueueDelivery(subscription.Channel, deliveryTag, redelivered, routingKey, properties, body.ToArray());
                await subscription.Buffer.Writer.WriteAsync(delivery, subscription.Stopped).ConfigureAwait(false);
            }

            // The broker cancelled the consumer (its queue was deleted): nothing more will come on this subscription.
            protected override Task OnCancelAsync(string[] consumerTags, CancellationToken cancellationToken = default) => subscription.StopAsync();
        }
    }
}

/// <summary>One message taken from a queue, owned until it is acknowledged or handed back.</summary>
internal sealed class QueueDelivery(IChannel channel, ulong deliveryTag, bool redelivered, string routingKey, IReadOnlyBasicProperties properties, byte[] body)
{
    /// <summary>Whether the broker delivered it before (to a consumer that did not acknowledge it).</summary>
    public bool Redelivered { get; } = redelivered;

    /// <summary>The routing key it was published with.</summary>
    public string RoutingKey { get; } = routingKey;

    /// <summary>Its properties and headers.</summary>
    public IReadOnlyBasicProperties Properties { get; } = properties;

    /// <summary>Its body, copied.</summary>
    public ReadOnlyMemory<byte> Body { get; } = body;

    /// <summary>Removes it from the queue.</summary>
    public ValueTask AcknowledgeAsync(CancellationToken cancellationToken) => channel.BasicAckAsync(deliveryTag, multiple: false, cancellationToken);

    /// <summary>Puts it back on the queue, for this or another consumer.</summary>
    public ValueTask ReleaseAsync(CancellationToken cancellationToken) => channel.BasicNackAsync(deliveryTag, multiple: false, requeue: true, cancellationToken);
}
