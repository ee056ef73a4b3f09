using System.Threading;
using System.Threading.Tasks;

namespace Estuary;

/// <summary>
/// Publishes events to every subscriber: handlers of the event's type, of its base types and
/// interfaces, and handlers listening to a pattern matching its name. Use the
/// <c>PublishAsync(event)</c> extension for typed events.
/// </summary>
public interface IEventBus
{
    /// <summary>Publishes an event routed by its run-time type.</summary>
    ValueTask PublishObjectAsync(object @event, MessageHeaders? headers = null, CancellationToken cancellationToken = default);

    /// <summary>Publishes <paramref name="payload"/> under the name <paramref name="routingKey"/>.</summary>
    ValueTask PublishWithRoutingAsync(string routingKey, object? payload = null, MessageHeaders? headers = null, CancellationToken cancellationToken = default);

    /// <summary>Publishes a serialized payload (JSON text or UTF-8 bytes) under the name <paramref name="routingKey"/>.</summary>
    ValueTask PublishWithRoutingAsync(string routingKey, object payload, string contentType, MessageHeaders? headers = null, CancellationToken cancellationToken = default);
}
