using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using RabbitMQ.Client;

namespace Estuary.RabbitMQ;

/// <summary>
/// One basic.consume on one channel, the deliveries it buffered, and how many of those were taken and
/// not yet settled: the channel must stay open for them (closing it would hand them back to the broker).
/// </summary>
internal sealed class Subscription : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopped = new();
    private int _inHand;
    private int _retiring;
    private int _retired;
    private int _closed;

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

    public string? ConsumerTag { get; set; }

    public CancellationToken Stopped => _stopped.Token;

    public bool IsStopped => _stopped.IsCancellationRequested || !Channel.IsOpen;

    public Task StopAsync() => _stopped.CancelAsync();

    /// <summary>Counts <paramref name="delivery"/> as in hand until it is settled.</summary>
    public QueueDelivery Take(QueueDelivery delivery)
    {
        Interlocked.Increment(ref _inHand);
        delivery.MarkTaken();
        return delivery;
    }

    /// <summary>A delivery taken from this subscription was acknowledged or released.</summary>
    public void Settled()
    {
        if (Interlocked.Decrement(ref _inHand) == 0 && Volatile.Read(ref _retired) == 1)
        {
            _ = CloseAsync();
        }
    }

    /// <summary>
    /// Stops the pushes (basic.cancel), hands the buffered deliveries back to the queue, and closes the
    /// channel now or when the last delivery in hand is settled.
    /// </summary>
    public async Task RetireAsync()
    {
        if (Interlocked.Exchange(ref _retiring, 1) == 1)
        {
            return;
        }

        await StopAsync().ConfigureAwait(false);
        if (Channel.IsOpen && ConsumerTag is { } tag)
        {
            try
            {
                await Channel.BasicCancelAsync(tag).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is global::RabbitMQ.Client.Exceptions.AlreadyClosedException or global::RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
            }
        }

        while (Buffer.Reader.TryRead(out var unread))
        {
            await unread.ReleaseQuietlyAsync().ConfigureAwait(false);
        }

        // Only now may the last settled delivery close the channel: nothing of ours is sent on it after that.
        Volatile.Write(ref _retired, 1);
        if (Volatile.Read(ref _inHand) == 0)
        {
            await CloseAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await CloseAsync().ConfigureAwait(false);
    }

    private async Task CloseAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return;
        }

        await Channel.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class SubscriptionConsumer(Subscription subscription) : AsyncDefaultBasicConsumer(subscription.Channel)
    {
        public override async Task HandleBasicDeliverAsync(
            string consumerTag, ulong deliveryTag, bool redelivered, string exchange, string routingKey, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
        {
            if (subscription.IsStopped)
            {
                // Pushed while the subscription retired. Left unacknowledged: the broker requeues it when the
                // channel closes (a release sent now could reach the broker after the close, which it punishes
                // by closing the whole connection).
                return;
            }

            var delivery = new QueueDelivery(subscription.Channel, deliveryTag, redelivered, routingKey, properties, body.ToArray(), subscription);

            // At most prefetch deliveries are unacknowledged, and the buffer holds that many: this never waits long.
            await subscription.Buffer.Writer.WriteAsync(delivery, cancellationToken).ConfigureAwait(false);
        }

        // The broker cancelled the consumer (its queue was deleted): nothing more will come on this subscription.
        protected override Task OnCancelAsync(string[] consumerTags, CancellationToken cancellationToken = default) => subscription.StopAsync();
    }
}
