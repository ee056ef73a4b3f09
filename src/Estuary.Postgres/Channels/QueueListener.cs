using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Estuary.Postgres;

/// <summary>
/// Wakes receivers waiting for messages: one connection per data source and schema LISTENs to the
/// schema's notification channel, and a notification (sent at commit by whoever inserted a row) wakes
/// one receiver of the queue channel it names (the one waiting longest). A receiver that then claims a
/// message wakes the next one (<see cref="WakeAnother"/>), so a burst is spread over the waiting receivers
/// without waking all of them for every message. It runs only while receivers wait (it stops after a
/// while without any), reconnects with a growing pause if its connection drops, and while it is down
/// receivers still look for messages each time their wait ends.
/// </summary>
internal sealed partial class QueueListener
{
    private static readonly ConditionalWeakTable<NpgsqlDataSource, ConcurrentDictionary<string, QueueListener>> s_listeners = new();
    private static readonly TimeSpan s_idleTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_idleCheck = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_firstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_maxRetry = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    // The receivers waiting on each queue channel, longest-waiting first.
    private readonly Dictionary<string, LinkedList<TaskCompletionSource>> _waiters = new(StringComparer.Ordinal);
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _notificationChannel;
    private readonly ILogger _logger;
    private int _waiting;
    private long _lastWaitEnded;
    private bool _running;

    private QueueListener(NpgsqlDataSource dataSource, string notificationChannel, ILogger logger)
    {
        _dataSource = dataSource;
        _notificationChannel = notificationChannel;
        _logger = logger;
    }

    /// <summary>The listener of <paramref name="schema"/>'s notifications on <paramref name="dataSource"/>, shared in the process.</summary>
    public static QueueListener For(NpgsqlDataSource dataSource, PostgresSchema schema, ILogger logger)
    {
        var bySchema = s_listeners.GetValue(dataSource, static _ => new ConcurrentDictionary<string, QueueListener>(StringComparer.Ordinal));
        return bySchema.GetOrAdd(schema.NotificationChannel, static (channel, state) => new QueueListener(state.dataSource, channel, state.logger), (dataSource, logger));
    }

    /// <summary>
    /// Registers a receiver of <paramref name="channel"/> until the returned subscription is disposed;
    /// its <see cref="Subscription.Signal"/> completes when a message for the channel may have arrived.
    /// </summary>
    public Subscription Subscribe(string channel)
    {
        lock (_gate)
        {
            _waiting++;
            if (!_waiters.TryGetValue(channel, out var waiters))
            {
                waiters = new LinkedList<TaskCompletionSource>();
                _waiters[channel] = waiters;
            }

            var node = waiters.AddLast(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            if (!_running)
            {
                _running = true;
                _ = Task.Run(RunAsync);
            }

            return new Subscription(this, channel, node);
        }
    }

    /// <summary>Wakes the receiver waiting longest on <paramref name="own"/>'s channel, other than the one holding <paramref name="own"/>.</summary>
    public void WakeAnother(Subscription own)
    {
        TaskCompletionSource? signal = null;
        lock (_gate)
        {
            if (_waiters.TryGetValue(own.Channel, out var waiters))
            {
                for (var node = waiters.First; node is not null; node = node.Next)
                {
                    if (node != own.Node)
                    {
                        waiters.Remove(node);
                        signal = node.Value;
                        break;
                    }
                }
            }
        }

        signal?.TrySetResult();
    }

    private void Unsubscribe(string channel, LinkedListNode<TaskCompletionSource> node)
    {
        lock (_gate)
        {
            _waiting--;
            _lastWaitEnded = Environment.TickCount64;
            if (node.List is not null && _waiters.TryGetValue(channel, out var waiters))
            {
                waiters.Remove(node);
            }
        }
    }

    private async Task RunAsync()
    {
        var pause = s_firstRetry;
        while (true)
        {
            try
            {
                await ListenAsync().ConfigureAwait(false);
                return;
            }
            catch (ObjectDisposedException)
            {
                // The data source was disposed: its host is gone, nobody is left to wake.
                lock (_gate)
                {
                    _running = false;
                }

                return;
            }
            catch (Exception exception)
            {
                LogListenFailed(_logger, exception, _notificationChannel, pause);
            }

            if (StopIfIdle())
            {
                return;
            }

            await Task.Delay(pause).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, s_maxRetry.Ticks));
        }
    }

    private async Task ListenAsync()
    {
        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        connection.Notification += (_, e) => Wake(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN \"{_notificationChannel}\"", connection))
        {
            await listen.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        LogListening(_logger, _notificationChannel);

        // Notifications sent while nobody listened (before this connection, or while it was down) are lost.
        WakeAll();
        while (!StopIfIdle())
        {
            await connection.WaitAsync(s_idleCheck).ConfigureAwait(false);
        }
    }

    private bool StopIfIdle()
    {
        lock (_gate)
        {
            if (_waiting > 0 || Environment.TickCount64 - _lastWaitEnded < s_idleTimeout.TotalMilliseconds)
            {
                return false;
            }

            _running = false;
            return true;
        }
    }

    private void Wake(string channel)
    {
        TaskCompletionSource? signal = null;
        lock (_gate)
        {
            if (_waiters.TryGetValue(channel, out var waiters) && waiters.First is { } first)
            {
                waiters.RemoveFirst();
                signal = first.Value;
            }
        }

        signal?.TrySetResult();
    }

    private void WakeAll()
    {
        List<TaskCompletionSource> signals = [];
        lock (_gate)
        {
            foreach (var waiters in _waiters.Values)
            {
                signals.AddRange(waiters);
                waiters.Clear();
            }
        }

        foreach (var signal in signals)
        {
            signal.TrySetResult();
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Listening for new messages on PostgreSQL notification channel '{NotificationChannel}'.")]
    private static partial void LogListening(ILogger logger, string notificationChannel);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Listening on PostgreSQL notification channel '{NotificationChannel}' failed; receivers fall back to polling, retrying in {Pause}.")]
    private static partial void LogListenFailed(ILogger logger, Exception exception, string notificationChannel, TimeSpan pause);

    /// <summary>A receiver's registration; dispose it when the receiver stops waiting.</summary>
    public readonly struct Subscription(QueueListener listener, string channel, LinkedListNode<TaskCompletionSource> node) : IDisposable
    {
        /// <summary>Completes when a message for the channel may have arrived.</summary>
        public Task Signal { get; } = node.Value.Task;

        internal string Channel { get; } = channel;

        internal LinkedListNode<TaskCompletionSource> Node { get; } = node;

        public void Dispose() => listener.Unsubscribe(Channel, Node);
    }
}
