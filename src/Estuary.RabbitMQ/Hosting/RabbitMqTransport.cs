using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RabbitMQ.Client;

namespace Estuary.RabbitMQ;

/// <summary>
/// What a host's RabbitMQ channels share: the connection, the confirmed publisher and the topology. A
/// singleton of the host; disposing it ends the consumers, then closes the connection (the broker puts
/// back every message that was received and not acknowledged).
/// </summary>
internal sealed class RabbitMqTransport : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RabbitMqChannel> _channels = new(StringComparer.Ordinal);

    public RabbitMqTransport(RabbitMqOptions options, RabbitMqTopology topology, TimeProvider time)
    {
        Options = options;
        Topology = topology;
        var factory = new ConnectionFactory
        {
            Uri = options.Uri,
            ClientProvidedName = options.ConnectionName ?? AppDomain.CurrentDomain.FriendlyName,
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
        };
        Connection = new RabbitMqConnection(factory, time);
        Publisher = new ConfirmedPublisher(Connection, options.PublishChannels, options.OutstandingConfirms, options.PublishTimeout);
    }

    public RabbitMqOptions Options { get; }

    public RabbitMqTopology Topology { get; }

    public RabbitMqConnection Connection { get; }

    public ConfirmedPublisher Publisher { get; }

    /// <summary>Declares the topology unless the host was told not to.</summary>
    public ValueTask EnsureTopologyAsync(CancellationToken cancellationToken) =>
        Options.AutoDeclare ? Topology.EnsureDeclaredAsync(Connection, cancellationToken) : default;

    /// <summary>The channels created so far (a channel is created on first use).</summary>
    public IEnumerable<RabbitMqChannel> Channels => _channels.Values;

    /// <summary>Keeps <paramref name="channel"/> for the health checks, and ends its consumer before the connection closes.</summary>
    public void Register(RabbitMqChannel channel) => _channels[channel.Name] = channel;

    /// <summary>The channel named <paramref name="name"/>, if it was created.</summary>
    public RabbitMqChannel? Channel(string name) => _channels.TryGetValue(name, out var channel) ? channel : null;

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels.Values)
        {
            await channel.DisposeAsync().ConfigureAwait(false);
        }

        await Publisher.DisposeAsync().ConfigureAwait(false);
        await Connection.DisposeAsync().ConfigureAwait(false);
    }
}
