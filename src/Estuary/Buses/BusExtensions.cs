using System.Threading;
using System.Threading.Tasks;
using Estuary.Runtime;

namespace Estuary;

/// <summary>
/// Typed sends for messages without a generated overload in scope. The generated overloads for
/// handled messages are non-generic, so C# prefers them over these whenever both apply.
/// </summary>
public static class BusExtensions
{
    // The overload shapes mirror the generated ones exactly: only then does C# prefer the
    // non-generic generated overload instead of reporting an ambiguity.

    /// <summary>Sends a command routed by its run-time type.</summary>
    public static ValueTask<object?> SendAsync<TCommand>(this ICommandBus bus, TCommand command, CancellationToken cancellationToken = default)
        where TCommand : notnull => bus.SendObjectAsync(command, null, cancellationToken);

    /// <summary>Sends a command routed by its run-time type, with headers.</summary>
    public static ValueTask<object?> SendAsync<TCommand>(this ICommandBus bus, TCommand command, MessageHeaders? headers, CancellationToken cancellationToken = default)
        where TCommand : notnull => bus.SendObjectAsync(command, headers, cancellationToken);

    /// <summary>Sends a query routed by its run-time type and casts the result to <typeparamref name="TResult"/>.</summary>
    public static async ValueTask<TResult> SendAsync<TResult>(this IQueryBus bus, object query, CancellationToken cancellationToken = default) =>
        (TResult)(await bus.SendObjectAsync(query, null, cancellationToken).ConfigureAwait(false))!;

    /// <summary>Sends a query routed by its run-time type, with headers, and casts the result to <typeparamref name="TResult"/>.</summary>
    public static async ValueTask<TResult> SendAsync<TResult>(this IQueryBus bus, object query, MessageHeaders? headers, CancellationToken cancellationToken = default) =>
        (TResult)(await bus.SendObjectAsync(query, headers, cancellationToken).ConfigureAwait(false))!;

    /// <summary>Sends a query by routing key and casts the result to <typeparamref name="TResult"/>.</summary>
    public static async ValueTask<TResult> SendWithRoutingAsync<TResult>(this IQueryBus bus, string routingKey, object? payload = null, MessageHeaders? headers = null, CancellationToken cancellationToken = default) =>
        (TResult)(await bus.SendWithRoutingAsync(routingKey, payload, headers, cancellationToken).ConfigureAwait(false))!;

    /// <summary>Publishes an event to every subscriber of its run-time type, base types, interfaces and name.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static ValueTask PublishAsync<TEvent>(this IEventBus bus, TEvent @event, MessageHeaders? headers, CancellationToken cancellationToken = default)
        where TEvent : notnull
    {
        if (bus is MessageBus messageBus && !messageBus.HasInterceptors)
        {
            var runtime = messageBus.Runtime;
            return Dispatch.RunEvent(runtime, runtime.RouteFor(@event), @event, headers, routingKey: null, cancellationToken);
        }

        return bus.PublishObjectAsync(@event, headers, cancellationToken);
    }

    /// <summary>Publishes an event to every subscriber of its run-time type, base types, interfaces and name.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static ValueTask PublishAsync<TEvent>(this IEventBus bus, TEvent @event, CancellationToken cancellationToken = default)
        where TEvent : notnull => bus.PublishAsync(@event, null, cancellationToken);
}
