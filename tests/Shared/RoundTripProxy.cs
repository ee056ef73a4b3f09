using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Estuary.Tests.Shared;

/// <summary>
/// A TCP relay between a client (a test, a benchmark) and PostgreSQL that counts round trips: per
/// connection, each time the client sends after the server last spoke, the client is starting a new
/// exchange it must wait for. Whatever a library pipelines into one write (a prepended BEGIN, a batch of statements,
/// a Sync) counts once; a COMMIT sent after a reply counts again. The count does not depend on how
/// either library builds its commands, so it is the same measure for both.
/// </summary>
internal sealed class RoundTripProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _host;
    private readonly int _port;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _pumps = [];
    private readonly Task _accepting;
    private long _roundTrips;
    private long _connections;

    private RoundTripProxy(string host, int port)
    {
        _host = host;
        _port = port;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary><paramref name="connectionString"/> pointed at the relay; pooling settings are kept.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Starts a relay to the server of <paramref name="connectionString"/>.</summary>
    public static RoundTripProxy Start(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var proxy = new RoundTripProxy(builder.Host ?? "127.0.0.1", builder.Port);
        builder.Host = "127.0.0.1";
        builder.Port = ((IPEndPoint)proxy._listener.LocalEndpoint).Port;

        // No TLS: a handshake would add exchanges of its own.
        builder.SslMode = SslMode.Disable;
        proxy.ConnectionString = builder.ConnectionString;
        return proxy;
    }

    /// <summary>Round trips seen since the start or the last <see cref="Reset"/>, over all connections.</summary>
    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    /// <summary>Connections opened through the relay since it started (a pool's connections count once each).</summary>
    public long Connections => Interlocked.Read(ref _connections);

    public void Reset() => Interlocked.Exchange(ref _roundTrips, 0);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        Task[] pumps;
        lock (_pumps)
        {
            pumps = [.. _pumps];
        }

        await Task.WhenAll(pumps);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            client.NoDelay = true;
            var server = new TcpClient { NoDelay = true };
            await server.ConnectAsync(_host, _port, _stop.Token);
            Interlocked.Increment(ref _connections);
            var relay = new Relay(this, client, server);
            lock (_pumps)
            {
                _pumps.Add(relay.RunAsync(_stop.Token));
            }
        }
    }

    private sealed class Relay(RoundTripProxy proxy, TcpClient client, TcpClient server)
    {
        // 1 while the server spoke last (or nobody has yet), 0 while the client did.
        private int _serverSpokeLast = 1;

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            using (client)
            using (server)
            {
                var up = PumpAsync(client.GetStream(), server.GetStream(), fromClient: true, cancellationToken);
                var down = PumpAsync(server.GetStream(), client.GetStream(), fromClient: false, cancellationToken);
                await Task.WhenAny(up, down);
            }
        }

        private async Task PumpAsync(NetworkStream from, NetworkStream to, bool fromClient, CancellationToken cancellationToken)
        {
            var buffer = new byte[64 * 1024];
            try
            {
                while (true)
                {
                    var read = await from.ReadAsync(buffer, cancellationToken);
                    if (read == 0)
                    {
                        return;
                    }

                    if (fromClient)
                    {
                        if (Interlocked.Exchange(ref _serverSpokeLast, 0) == 1)
                        {
                            Interlocked.Increment(ref proxy._roundTrips);
                        }
                    }
                    else
                    {
                        Volatile.Write(ref _serverSpokeLast, 1);
                    }

                    await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            catch (Exception error) when (error is OperationCanceledException or System.IO.IOException or ObjectDisposedException)
            {
            }
        }
    }
}
