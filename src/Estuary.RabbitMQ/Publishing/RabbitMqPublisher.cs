using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Estuary.Runtime;
using RabbitMQ.Client;

namespace Estuary.RabbitMQ;

/// <summary>The host's <see cref="IRabbitMqPublisher"/>: the channels' confirmed publisher, after the topology is declared.</summary>
internal sealed class RabbitMqPublisher(RabbitMqTransport transport, EstuaryRuntime runtime) : IRabbitMqPublisher
{
    public ValueTask PublishRawAsync(
        string exchange, string routingKey, ReadOnlyMemory<byte> body, string contentType = "application/octet-stream", IReadOnlyDictionary<string, string>? headers = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        return PublishAsync(exchange, routingKey, body, Properties(contentType, messageName: null, headers), cancellationToken);
    }

    public ValueTask PublishAsync<TMessage>(
        string exchange, string routingKey, TMessage message, IReadOnlyDictionary<string, string>? headers = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = runtime.Messages.SerializeToUtf8(message);
        return PublishAsync(exchange, routingKey, body, Properties("application/json", runtime.Messages.NameOf(typeof(TMessage)), headers), cancellationToken);
    }

    private async ValueTask PublishAsync(string exchange, string routingKey, ReadOnlyMemory<byte> body, BasicProperties properties, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(routingKey);
        await transport.EnsureTopologyAsync(cancellationToken).ConfigureAwait(false);
        await transport.Publisher.PublishAsync(exchange, routingKey, properties, body, cancellationToken).ConfigureAwait(false);
    }

    // A fresh header table per publish: the client adds to the one it is given.
    private BasicProperties Properties(string contentType, string? messageName, IReadOnlyDictionary<string, string>? headers)
    {
        var table = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                table[name] = value;
            }
        }

        return new BasicProperties
        {
            MessageId = MessageIds.New(runtime.TimeProvider.GetUtcNow()).ToString("D"),
            Type = messageName,
            ContentType = contentType,
            Persistent = true,
            Timestamp = new AmqpTimestamp(runtime.TimeProvider.GetUtcNow().ToUnixTimeSeconds()),
            Headers = table,
        };
    }
}
