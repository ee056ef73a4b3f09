using System.Threading;
using System.Threading.Tasks;

namespace Estuary;

/// <summary>
/// Sends commands. For every command handled in a module, the generator adds a typed
/// <c>SendAsync(command)</c> overload (returning the handler's result type, if any) that binds
/// straight to the handler. The members here serve commands whose type or route is only known at
/// run time.
/// </summary>
public interface ICommandBus
{
    /// <summary>Sends a command routed by its run-time type; returns the handler's result, boxed, or <see langword="null"/>.</summary>
    ValueTask<object?> SendObjectAsync(object command, MessageHeaders? headers = null, CancellationToken cancellationToken = default);

    /// <summary>Sends <paramref name="payload"/> to the command handler registered for <paramref name="routingKey"/>.</summary>
    ValueTask<object?> SendWithRoutingAsync(string routingKey, object? payload = null, MessageHeaders? headers = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends a serialized payload (JSON text or UTF-8 bytes) to the command handler registered for
    /// <paramref name="routingKey"/>; it is deserialized to the handler's message type.
    /// </summary>
    ValueTask<object?> SendWithRoutingAsync(string routingKey, object payload, string contentType, MessageHeaders? headers = null, CancellationToken cancellationToken = default);
}
