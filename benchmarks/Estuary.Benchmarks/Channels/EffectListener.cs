using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Estuary.Benchmarks.Channels;

/// <summary>
/// Listens, on a connection of its own, to the notifications the effect tables send at commit, and
/// records when each expected message's effect committed (<see cref="Stopwatch"/> ticks). Completes
/// <see cref="Completion"/> once every expected message was seen; a second notification for a message
/// counts as a duplicate.
/// </summary>
public sealed class EffectListener : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private Window _window = new(0, []);

    private EffectListener(NpgsqlConnection connection) => _connection = connection;

    /// <summary>Completes when every message of the current window committed its effect.</summary>
    public Task Completion => _window.Done.Task;

    /// <summary>Messages of the current window seen so far.</summary>
    public int Seen => Volatile.Read(ref _window.Seen);

    /// <summary>Notifications for a message of the current window that was already seen.</summary>
    public int Duplicates => Volatile.Read(ref _window.Duplicates);

    /// <summary>Notifications for messages outside the current window (an earlier window's stragglers).</summary>
    public int Strays => Volatile.Read(ref _window.Strays);

    public static async Task<EffectListener> StartAsync(string connectionString)
    {
        // Not pooled: the connection stays in LISTEN for the listener's whole life.
        var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        var listener = new EffectListener(connection);
        connection.Notification += (_, e) => listener.OnNotification(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {ChannelDatabase.NotificationChannel}", connection))
        {
            await listen.ExecuteNonQueryAsync();
        }

        listener._loop = Task.Run(listener.ListenAsync);
        return listener;
    }

    /// <summary>Starts a window: the <paramref name="count"/> messages numbered from <paramref name="first"/>.</summary>
    public void Expect(long first, int count) => Volatile.Write(ref _window, new Window(first, new long[count]));

    /// <summary>When the effect of <paramref name="sequence"/> (in the current window) committed, in Stopwatch ticks; 0 if not seen.</summary>
    public long CommittedAt(long sequence) => Volatile.Read(ref _window.Arrivals[sequence - _window.First]);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        await _connection.DisposeAsync();
        _stop.Dispose();
    }

    private async Task ListenAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await _connection.WaitAsync(_stop.Token);
        }
    }

    private void OnNotification(string payload)
    {
        var now = Stopwatch.GetTimestamp();
        var window = Volatile.Read(ref _window);
        var index = long.Parse(payload, CultureInfo.InvariantCulture) - window.First;
        if (index < 0 || index >= window.Arrivals.Length)
        {
            Interlocked.Increment(ref window.Strays);
            return;
        }

        if (Interlocked.CompareExchange(ref window.Arrivals[index], now, 0) != 0)
        {
            Interlocked.Increment(ref window.Duplicates);
            return;
        }

        if (Interlocked.Increment(ref window.Seen) == window.Arrivals.Length)
        {
            window.Done.TrySetResult();
        }
    }

    private sealed class Window(long first, long[] arrivals)
    {
        public readonly long First = first;
        public readonly long[] Arrivals = arrivals;
        public readonly TaskCompletionSource Done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Seen;
        public int Duplicates;
        public int Strays;
    }
}
