using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Channels;

/// <summary>
/// A queue in the process's memory, with delays (on the host's <see cref="TimeProvider"/>, so a
/// test clock releases delayed messages), priorities and time to live. Messages are lost when the
/// process ends: use it for tests, development, and work that may be lost.
/// </summary>
public sealed class InMemoryChannel : IPollableChannel, IInspectableChannel
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<ChannelMessage, (int Priority, long Sequence)> _ready = new();
    private readonly PriorityQueue<ChannelMessage, (DateTimeOffset At, long Sequence)> _delayed = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly TimeProvider _time;
    private long _sequence;
    private long _expired;

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

    /// <summary>Messages dropped because their time to live ran out before delivery.</summary>
    public long Expired => Interlocked.Read(ref _expired);

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
            if (TryTake(now, out var message, out var nextDue))
            {
                return new Delivery(this, message);
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

    private void Enqueue(ChannelMessage message)
    {
        lock (_gate)
        {
            var sequence = _sequence++;
            if (message.AvailableAt is { } at && at > _time.GetUtcNow())
            {
                _delayed.Enqueue(message, (at, sequence));
            }
            else
            {
                _ready.Enqueue(message, (-message.Priority, sequence));
            }
        }

        _signal.Release();
    }

    private bool TryTake(DateTimeOffset now, out ChannelMessage message, out DateTimeOffset? nextDue)
    {
        lock (_gate)
        {
            while (_delayed.TryPeek(out var delayed, out var key) && key.At <= now)
            {
                _delayed.Dequeue();
                _ready.Enqueue(delayed, (-delayed.Priority, key.Sequence));
            }

            while (_ready.TryDequeue(out message!, out _))
            {
                if (message.ExpiresAt is { } expires && expires <= now)
                {
                    _expired++;
                    continue;
                }

                nextDue = null;
                return true;
            }

            nextDue = _delayed.TryPeek(out _, out var next) ? next.At : null;
            return false;
        }
    }

    private sealed class Delivery(InMemoryChannel channel, ChannelMessage message) : IChannelDelivery
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
                channel.Enqueue(Message);
            }

            return default;
        }
    }
}
