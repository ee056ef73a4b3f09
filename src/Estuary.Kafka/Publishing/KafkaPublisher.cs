using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Estuary.Channels;
using Estuary.Runtime;

namespace Estuary.Kafka;

/// <summary>The host's <see cref="IKafkaPublisher"/>: records through the channels' producer.</summary>
internal sealed class KafkaPublisher(KafkaTransport transport, EstuaryRuntime runtime) : IKafkaPublisher
{
    public ValueTask PublishRawAsync(
        string topic, string? key, ReadOnlyMemory<byte> value, IReadOnlyDictionary<string, string>? headers = null, CancellationToken cancellationToken = default) =>
        ProduceAsync(topic, key, value, Headers(headers), cancellationToken);

    public ValueTask PublishAsync<TMessage>(
        string topic, string? key, TMessage message, IReadOnlyDictionary<string, string>? headers = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var value = runtime.Messages.SerializeToUtf8(message);
        var all = Headers(headers);
        all.Add(MessageHeaderNames.MessageId, Encoding.UTF8.GetBytes(MessageIds.New(runtime.TimeProvider.GetUtcNow()).ToString("D")));
        if (runtime.Messages.NameOf(typeof(TMessage)) is { } name)
        {
            all.Add(MessageHeaderNames.MessageName, Encoding.UTF8.GetBytes(name));
        }

        all.Add(MessageHeaderNames.ContentType, "application/json"u8.ToArray());
        return ProduceAsync(topic, key, value, all, cancellationToken);
    }

    private async ValueTask ProduceAsync(string topic, string? key, ReadOnlyMemory<byte> value, Headers headers, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        var record = new Message<byte[]?, byte[]?> { Key = key is null ? null : Encoding.UTF8.GetBytes(key), Value = value.ToArray(), Headers = headers };
        await transport.Producer.ProduceAsync(topic, record, cancellationToken).ConfigureAwait(false);
    }

    private static Headers Headers(IReadOnlyDictionary<string, string>? headers)
    {
        var all = new Headers();
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            all.Add(name, Encoding.UTF8.GetBytes(value));
        }

        return all;
    }
}
