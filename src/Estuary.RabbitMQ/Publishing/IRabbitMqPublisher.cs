using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.RabbitMQ;

/// <summary>
/// Publishes to any exchange and routing key of the host's broker, for programs that are not Estuary
/// endpoints (another team's service, a legacy consumer): raw bytes as they are, or a registered message
/// converted to JSON. Each publish is confirmed and mandatory, like a channel's: it completes once the
/// broker stored the message, and fails with <see cref="UnroutableMessageException"/> when no queue is
/// bound to take it. A publish goes out at once, outside any unit of work: to send only if a handler
/// succeeds, send to a channel (its messages wait for the commit, through the outbox).
/// </summary>
public interface IRabbitMqPublisher
{
    /// <summary>Publishes <paramref name="body"/> as it is, with <paramref name="contentType"/> and text <paramref name="headers"/>.</summary>
    ValueTask PublishRawAsync(
        string exchange,
        string routingKey,
        ReadOnlyMemory<byte> body,
        string contentType = "application/octet-stream",
        IReadOnlyDictionary<string, string>? headers = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Publishes <paramref name="message"/> as the JSON of its registered type (the type's message name in the
    /// <c>type</c> property), with text <paramref name="headers"/>.
    /// </summary>
    ValueTask PublishAsync<TMessage>(
        string exchange,
        string routingKey,
        TMessage message,
        IReadOnlyDictionary<string, string>? headers = null,
        CancellationToken cancellationToken = default);
}
