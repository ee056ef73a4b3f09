using System;
using System.Threading;
using System.Threading.Tasks;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Estuary.RabbitMQ;

/// <summary>
/// Publishes with publisher confirms over a fixed number of channels: a publish completes when the broker
/// confirmed it, and fails when it did not, never both. Mandatory publishing turns a message no queue would
/// take into an <see cref="UnroutableMessageException"/>. At most <c>window</c> publishes await their
/// confirm at once, whatever the number of callers, so memory and broker load stay bounded. A channel the
/// broker closed (a publish to a missing exchange), or one whose publish timed out (after a broker restart
/// a publish can wait forever), is replaced by a new one at its next use.
/// </summary>
internal sealed class ConfirmedPublisher : IAsyncDisposable
{
    private readonly PublisherChannel[] _channels;
    private readonly SemaphoreSlim _window;
    private readonly TimeSpan _timeout;
    private int _next;
    private int _outstanding;
    private int _mostOutstanding;

    /// <param name="connection">The host's connection.</param>
    /// <param name="channels">How many channels publishes are spread over.</param>
    /// <param name="window">How many publishes may await their confirm at once.</param>
    /// <param name="timeout">How long a publish waits for its confirm before it fails with a <see cref="TimeoutException"/>.</param>
    public ConfirmedPublisher(RabbitMqConnection connection, int channels, int window, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _channels = new PublisherChannel[channels];
        for (var i = 0; i < channels; i++)
        {
            _channels[i] = new PublisherChannel(connection);
        }

        _window = new SemaphoreSlim(window, window);
        _timeout = timeout;
    }

    /// <summary>The most publishes that awaited their confirm at once so far.</summary>
    public int MostOutstanding => Volatile.Read(ref _mostOutstanding);

    /// <summary>Publishes <paramref name="body"/> and waits for the broker's confirm.</summary>
    /// <exception cref="UnroutableMessageException">No queue is bound to take it.</exception>
    /// <exception cref="MessageNotConfirmedException">The broker refused it, or the channel closed first.</exception>
    /// <exception cref="TimeoutException">No confirm came in time; it may or may not be stored.</exception>
    public async ValueTask PublishAsync(string exchange, string routingKey, BasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        await _window.WaitAsync(cancellationToken).ConfigureAwait(false);
        var outstanding = Interlocked.Increment(ref _outstanding);
        for (var most = Volatile.Read(ref _mostOutstanding); outstanding > most; most = Volatile.Read(ref _mostOutstanding))
        {
            Interlocked.CompareExchange(ref _mostOutstanding, outstanding, most);
        }

        try
        {
            var slot = _channels[(uint)Interlocked.Increment(ref _next) % (uint)_channels.Length];
            var channel = await slot.GetAsync(cancellationToken).ConfigureAwait(false);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_timeout);
            try
            {
                await channel.BasicPublishAsync(exchange, routingKey, mandatory: true, properties, body, timeout.Token).ConfigureAwait(false);
            }
            catch (PublishReturnException returned)
            {
                throw new UnroutableMessageException(exchange, routingKey, $"{returned.ReplyCode} {returned.ReplyText}");
            }
            catch (PublishException nacked)
            {
                throw new MessageNotConfirmedException($"The broker refused the message sent to exchange '{exchange}' with routing key '{routingKey}' (a negative confirm, sequence number {nacked.PublishSequenceNumber}).", nacked);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await slot.DiscardAsync(channel).ConfigureAwait(false);
                throw new TimeoutException($"The broker did not confirm the message sent to exchange '{exchange}' with routing key '{routingKey}' within {_timeout.TotalSeconds:0.#} s; it may or may not be stored.");
            }
            catch (OperationInterruptedException closed)
            {
                await slot.DiscardAsync(channel).ConfigureAwait(false);
                throw new MessageNotConfirmedException($"The channel closed before the broker confirmed the message sent to exchange '{exchange}' with routing key '{routingKey}': {closed.ShutdownReason?.ReplyText ?? closed.Message}", closed);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _outstanding);
            _window.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            await channel.DisposeAsync().ConfigureAwait(false);
        }

        _window.Dispose();
    }

    /// <summary>One channel of the publisher, opened on first use and opened again after it closed or was discarded.</summary>
    private sealed class PublisherChannel(RabbitMqConnection connection) : IAsyncDisposable
    {
        private readonly SemaphoreSlim _opening = new(1, 1);
        private IChannel? _channel;

        public async ValueTask<IChannel> GetAsync(CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref _channel) is { IsOpen: true } open)
            {
                return open;
            }

            await _opening.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_channel is { IsOpen: true } reopened)
                {
                    return reopened;
                }

                if (_channel is { } closed)
                {
                    await closed.DisposeAsync().ConfigureAwait(false);
                }

                return _channel = await connection.CreateChannelAsync(confirms: true, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _opening.Release();
            }
        }

        // Closed by the broker, or suspected of hanging: the next publish opens another.
        public async ValueTask DiscardAsync(IChannel channel)
        {
            if (Interlocked.CompareExchange(ref _channel, null, channel) == channel)
            {
                await channel.DisposeAsync().ConfigureAwait(false);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _channel, null) is { } channel)
            {
                await channel.DisposeAsync().ConfigureAwait(false);
            }

            _opening.Dispose();
        }
    }
}
