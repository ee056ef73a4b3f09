using System;
using System.Threading;
using System.Threading.Tasks;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Estuary.RabbitMQ;

/// <summary>
/// The one connection a host keeps to the broker, opened on first use. The client recovers a connection
/// that drops later (and the channels on it), but not the first one: opening it is tried again, with a
/// growing wait, until it succeeds or the caller gives up, so a host that starts before the broker waits for it.
/// </summary>
internal sealed class RabbitMqConnection(ConnectionFactory factory, TimeProvider time) : IAsyncDisposable
{
    private static readonly TimeSpan s_longestWait = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _opening = new(1, 1);
    private IConnection? _connection;

    /// <summary>Whether the connection is open now (false before it was opened, and while the client recovers it).</summary>
    public bool IsOpen => Volatile.Read(ref _connection) is { IsOpen: true };

    /// <summary>The connection, opened now if it is not yet.</summary>
    public async ValueTask<IConnection> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _connection) is { } open)
        {
            return open;
        }

        await _opening.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _connection ??= await OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _opening.Release();
        }
    }

    /// <summary>A new channel on the connection; with confirms, each publish on it completes when the broker confirmed it.</summary>
    public async ValueTask<IChannel> CreateChannelAsync(bool confirms, CancellationToken cancellationToken)
    {
        var connection = await GetAsync(cancellationToken).ConfigureAwait(false);

        // No limiter of the client's: it bounds sends in flight, not confirms outstanding (the publisher bounds those).
        var options = new CreateChannelOptions(publisherConfirmationsEnabled: confirms, publisherConfirmationTrackingEnabled: confirms, outstandingPublisherConfirmationsRateLimiter: null);
        return await connection.CreateChannelAsync(options, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _connection, null) is { } connection)
        {
            await connection.CloseAsync().ConfigureAwait(false);
            connection.Dispose();
        }

        _opening.Dispose();
    }

    private async Task<IConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                return await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (BrokerUnreachableException) when (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                wait = wait * 2 < s_longestWait ? wait * 2 : s_longestWait;
            }
        }
    }
}
