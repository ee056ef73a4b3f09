using System;

namespace Estuary.RabbitMQ;

/// <summary>The broker could route the message to no queue: with mandatory publishing it is returned, never dropped in silence.</summary>
public sealed class UnroutableMessageException(string exchange, string routingKey, string reason)
    : Exception($"The broker could not route the message sent to exchange '{(exchange.Length == 0 ? "(default)" : exchange)}' with routing key '{routingKey}' to any queue: {reason}.")
{
    /// <summary>The exchange published to (empty: the default exchange).</summary>
    public string Exchange { get; } = exchange;

    /// <summary>The routing key published with.</summary>
    public string RoutingKey { get; } = routingKey;
}

/// <summary>The broker refused the message (a negative confirm), or the channel closed before it confirmed it: it may not be stored.</summary>
public sealed class MessageNotConfirmedException(string message, Exception? inner = null) : Exception(message, inner);
