using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Kafka;

/// <summary>
/// Produces records to any topic of the host's cluster, for programs that are not Estuary endpoints
/// (another team's service, a stream processor): raw bytes as they are, or a registered message converted
/// to JSON. Records go through the host's producer (idempotent, <c>acks=all</c>): a publish completes once
/// the brokers acknowledged the record. A publish goes out at once, outside any unit of work: to send only
/// if a handler succeeds, send to a channel (its messages wait for the commit, through the outbox).
/// </summary>
public interface IKafkaPublisher
{
    /// <summary>Produces <paramref name="value"/> as it is, keyed by <paramref name="key"/> (null: no key), with text <paramref name="headers"/>.</summary>
    ValueTask PublishRawAsync(
        string topic,
        string? key,
        ReadOnlyMemory<byte> value,
        IReadOnlyDictionary<string, string>? headers = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Produces <paramref name="message"/> as the JSON of its registered type, keyed by <paramref name="key"/>
    /// (null: no key), with its message name (<c>message-name</c>), a new message id (<c>message-id</c>),
    /// <c>content-type</c> <c>application/json</c>, and text <paramref name="headers"/>.
    /// </summary>
    ValueTask PublishAsync<TMessage>(
        string topic,
        string? key,
        TMessage message,
        IReadOnlyDictionary<string, string>? headers = null,
        CancellationToken cancellationToken = default);
}
