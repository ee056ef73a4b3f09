using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Channels;

/// <summary>
/// A queue in the process's memory, with delays (on the host's <see cref="TimeProvider"/>, so a
/// test clock releases delayed messages), priorities and time to live. Messages are lost when the
/// process ends: use it for tests, development, and work that may be lost. A message whose time to
/// live ran out is still handed to the consumer, which reports it as expired instead of handling it.
/// </summary>
public sealed class InMemoryChannel : IPollableChannel, IInspectableChannel
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<ChannelMessage, (int Priority, long Sequence)> _ready = new();
    private readonly PriorityQueue<ChannelMessage, (DateTimeOffset At, long Sequence)> _delayed = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly TimeProvider _time;
    private long _sequence;

    /// <summary>Creates an empty channel.</summary>
    public InMemoryChannel(string name, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Messages waiting, delayed ones included.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _ready.Count + _delayed.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<long> CountPendingAsync(CancellationToken cancellationToken) => new(Count);

    /// <inheritdoc />
    public ValueTask SendAsync(ChannelMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Enqueue(message);
        return default;
    }

    /// <inheritdoc />
    public async ValueTask<IChannelDelivery?> ReceiveAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + wait;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = _time.GetUtcNow();
            if (TryTake(now, out var message, out var sequence, out var nextDue))
            {
                return new Delivery(this, message, sequence);
            }

            var until = nextDue is { } due && due < deadline ? due : deadline;
            if (until <= now)
            {
                return null;
            }

            // Woken by a send, by the next delayed message becoming due, or by the end of the wait.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var timer = _time.CreateTimer(static state => ((CancellationTokenSource)state!).Cancel(), timeout, until - now, Timeout.InfiniteTimeSpan);
            try
            {
                await _signal.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
        }
    }

    /// <summary>Takes every waiting message without handling it (for tests that inspect what was sent).</summary>
    public IReadOnlyList<ChannelMessage> Drain()
    {
        lock (_gate)
        {
            var all = new List<ChannelMessage>(_ready.Count + _delayed.Count);
            while (_ready.TryDequeue(out var message, out _))
            {
                all.Add(message);
            }

            while (_delayed.TryDequeue(out var message, out _))
            {
                all.Add(message);
            }

            return all;
        }
    }

    private void Enqueue(ChannelMessage message) => Enqueue(message, sequence: null);

    // A message put back unchanged keeps its sequence number, so it is taken again before the
    // messages sent after it (a stopped consumer must not reorder its channel).
    private void Enqueue(ChannelMessage message, long? sequence)
    {
        lock (_gate)
        {
            var position = sequence ?? _sequence++;
            if (message.AvailableAt is { } at && at > _time.GetUtcNow())
            {
                _delayed.Enqueue(message, (at, position));
            }
            else
            {
                _ready.Enqueue(message, (-message.Priority, position));
            }
        }

        _signal.Release();
    }

    private bool TryTake(DateTimeOffset now, out ChannelMessage message, out long sequence, out DateTimeOffset? nextDue)
    {
        lock (_gate)
        {
            while (_delayed.TryPeek(out var delayed, out var key) && key.At <= now)
            {
                _delayed.Dequeue();
                _ready.Enqueue(delayed, (-delayed.Priority, key.Sequence));
            }

            if (_ready.TryDequeue(out message!, out var position))
            {
                sequence = position.Sequence;
                nextDue = null;
                return true;
            }

            sequence = 0;
            nextDue = _delayed.TryPeek(out _, out var next) ? next.At : null;
            return false;
        }
    }

    private sealed class Delivery(InMemoryChannel channel, ChannelMessage message, long sequence) : IChannelDelivery
    {
        private bool _done;

        public ChannelMessage Message { get; } = message;

        public ITransactionSession? Session => null;

        public ValueTask AcknowledgeAsync(CancellationToken cancellationToken)
        {
            _done = true;
            return default;
        }

        public ValueTask RetryAsync(ChannelMessage retry, CancellationToken cancellationToken)
        {
            _done = true;
            channel.Enqueue(retry);
            return default;
        }

        public ValueTask DisposeAsync()
        {
            // Released without an outcome (shutdown, consumer stopped): the message goes back as it was.
            if (!_done)
            {
                _done = true;
                channel.Enqueue(Message, sequence);
            }

            return default;
        }
    }
}
