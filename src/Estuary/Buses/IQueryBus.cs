using System.Threading;
using System.Threading.Tasks;

namespace Estuary;

/// <summary>
/// Sends queries. For every query handled in a module, the generator adds a typed
/// <c>SendAsync(query)</c> overload that returns the handler's result type, so no marker interface
/// is needed on the query. The members here serve queries only known at run time.
/// </summary>
public interface IQueryBus
{
    /// <summary>Sends a query routed by its run-time type and returns the handler's result, boxed.</summary>
    ValueTask<object?> SendObjectAsync(object query, MessageHeaders? headers = null, CancellationToken cancellationToken = default);

    /// <summary>Sends <paramref name="payload"/> to the query handler registered for <paramref name="routingKey"/>.</summary>
    ValueTask<object?> SendWithRoutingAsync(string routingKey, object? payload = null, MessageHeaders? headers = null, CancellationToken cancellationToken = default);

    /// <summary>Sends a serialized payload (JSON text or UTF-8 bytes) to the query handler registered for <paramref name="routingKey"/>.</summary>
    ValueTask<object?> SendWithRoutingAsync(string routingKey, object payload, string contentType, MessageHeaders? headers = null, CancellationToken cancellationToken = default);
}
