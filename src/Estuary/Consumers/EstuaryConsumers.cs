using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Estuary.Consumers;
using Estuary.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Estuary;

/// <summary>
/// Runs the consumers of a host's channels: the background service does it for the whole life of
/// the host; tests, the CLI and custom workers call <see cref="RunAsync(string, ConsumerLimits?, CancellationToken)"/> with limits.
/// </summary>
public sealed class EstuaryConsumers
{
    private readonly EstuaryRuntime _runtime;
    private readonly DeliveryProcessor _processor;
    private readonly ILogger _logger;

    /// <summary>Creates the consumers of a host (resolved from the service provider).</summary>
    public EstuaryConsumers(EstuaryRuntime runtime, IDeadLetterStore deadLetters, IDeduplicationStore deduplication, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        _runtime = runtime;
        _logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger("Estuary.Consumers");
        _processor = new DeliveryProcessor(runtime, deadLetters, deduplication, _logger);
    }

    /// <summary>The declared channels.</summary>
    public IEnumerable<ChannelRegistration> Channels => _runtime.Channels.Registrations;

    /// <summary>A declared channel (created on first use).</summary>
    public IMessageChannel Channel(string name) => _runtime.Channels.Get(name);

    /// <summary>The asynchronous endpoints that receive messages from <paramref name="channel"/>.</summary>
    public IEnumerable<Endpoint> EndpointsOf(string channel) => _runtime.AsynchronousEndpoints.Where(e => e.Channel == channel);

    /// <summary>
    /// Consumes <paramref name="channel"/> until <paramref name="limits"/> or <paramref name="cancellationToken"/> stop it.
    /// Cancellation stops receiving; messages being handled finish first.
    /// </summary>
    public Task<ConsumerRunResult> RunAsync(string channel, ConsumerLimits? limits = null, CancellationToken cancellationToken = default) =>
        RunAsync(channel, limits ?? ConsumerLimits.None, cancellationToken, CancellationToken.None);

    /// <summary>Like <see cref="RunAsync(string, ConsumerLimits?, CancellationToken)"/>, with a second token that cancels the handlers themselves.</summary>
    public Task<ConsumerRunResult> RunAsync(string channel, ConsumerLimits limits, CancellationToken stopReceiving, CancellationToken stopHandling)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(limits);
        var registration = _runtime.Channels.RegistrationOf(channel);
        if (_runtime.Channels.Get(channel) is not IPollableChannel source)
        {
            throw new InvalidOperationException($"Channel '{channel}' cannot be consumed: it only sends.");
        }

        return new ChannelConsumer(_processor, registration, source, _logger).RunAsync(limits, stopReceiving, stopHandling);
    }
}
