using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Runtime;

/// <summary>
/// The entry points generated bus overloads call, and the synchronous fast path: a synchronous
/// endpoint runs on a context its thread reuses, so a send to a synchronous handler allocates
/// nothing. Everything else (an endpoint that awaits, a channel, tracing) is <see cref="AsyncDispatch"/>.
/// </summary>
/// <remarks>
/// A synchronous handler's exception is thrown by the send call itself rather than stored in the
/// returned task: catching it to build a faulted task would cost more than the rest of the
/// dispatch. Awaiting the call directly, the usual form, behaves the same either way.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Dispatch
{
    /// <summary>Sends a command or query to the endpoint the generator bound it to.</summary>
    public static ValueTask<TResult> Request<TRequest, TResult>(object bus, RequestEndpoint<TRequest, TResult> endpoint, TRequest request, MessageHeaders? headers, CancellationToken cancellationToken)
    {
        if (bus is not MessageBus messageBus)
        {
            return ThroughApplicationBusAsync(bus, endpoint, request, headers, cancellationToken);
        }

        var runtime = messageBus.Runtime;
        runtime.EnsureComposed(endpoint);
        if (messageBus.HasInterceptors)
        {
            return RequestThroughGateway(messageBus, endpoint, request, headers, cancellationToken);
        }

        return RunRequest(runtime, endpoint, request, headers, routingKey: null, cancellationToken);
    }

    /// <summary>Sends a command whose handler returns nothing.</summary>
    public static ValueTask Command<TCommand>(object bus, RequestEndpoint<TCommand, Nothing> endpoint, TCommand command, MessageHeaders? headers, CancellationToken cancellationToken)
    {
        var pending = Request(bus, endpoint, command, headers, cancellationToken);
        return pending.IsCompletedSuccessfully ? default : new ValueTask(pending.AsTask());
    }

    /// <summary>
    /// A bus of the application's own (a decorator, a fake) with a generated typed overload: the
    /// message goes through the bus's untyped member, so the bus sees every send whichever overload
    /// the caller used.
    /// </summary>
    private static async ValueTask<TResult> ThroughApplicationBusAsync<TRequest, TResult>(object bus, RequestEndpoint<TRequest, TResult> endpoint, TRequest request, MessageHeaders? headers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = (endpoint.Kind, bus) switch
        {
            (EndpointKind.Query, IQueryBus queries) => await queries.SendObjectAsync(request, headers, cancellationToken).ConfigureAwait(false),
            (EndpointKind.Command, ICommandBus commands) => await commands.SendObjectAsync(request, headers, cancellationToken).ConfigureAwait(false),
            _ => throw new InvalidOperationException(
                $"{bus.GetType().FullName} is not an Estuary {(endpoint.Kind == EndpointKind.Query ? nameof(IQueryBus) : nameof(ICommandBus))}. Generated overloads work on buses resolved from a provider built with AddEstuary(), and on the application's own implementations of the bus interfaces."),
        };
        return result is null ? default! : (TResult)result;
    }

    internal static ValueTask<TResult> RunRequest<TRequest, TResult>(EstuaryRuntime runtime, RequestEndpoint<TRequest, TResult> endpoint, TRequest request, MessageHeaders? headers, string? routingKey, CancellationToken cancellationToken)
    {
        // The allocation-free path, kept small: every other case (tracing, a channel, an awaiting
        // handler) is in AsyncDispatch, so this method stays cheap to call.
        if (endpoint.IsInline && !EstuaryTelemetry.Source.HasListeners())
        {
            var context = MessageContext.EnterSync(runtime, headers, routingKey, cancellationToken);
            try
            {
                return new ValueTask<TResult>(endpoint.Invoke(request, context));
            }
            finally
            {
                context.ExitSync();
            }
        }

        return AsyncDispatch.RunRequest(runtime, endpoint, request, headers, routingKey, cancellationToken);
    }

    private static ValueTask<TResult> RequestThroughGateway<TRequest, TResult>(MessageBus bus, RequestEndpoint<TRequest, TResult> endpoint, TRequest request, MessageHeaders? headers, CancellationToken cancellationToken) =>
        bus.SendThroughGatewayAsync(
            endpoint.Kind,
            request,
            routingKey: null,
            headers,
            (bus.Runtime, Endpoint: endpoint, Request: request),
            static (s, sent, token) => RunRequest(s.Runtime, s.Endpoint, s.Request, sent, routingKey: null, token),
            static (s, channel, sent, token) => AsyncDispatch.SendThroughBusChannelAsync(s.Runtime, channel, s.Endpoint, s.Request, sent, routingKey: null, token),
            cancellationToken);

    internal static ValueTask RunEvent(EstuaryRuntime runtime, EventRoute route, object? @event, MessageHeaders? headers, string? routingKey, CancellationToken cancellationToken)
    {
        var subscribers = route.Subscribers;
        if (subscribers.Length == 0)
        {
            return default;
        }

        // As for requests, the allocation-free path first and everything else out of line.
        if (route.AllSynchronous && !EstuaryTelemetry.Source.HasListeners())
        {
            var context = MessageContext.EnterSync(runtime, headers, routingKey, cancellationToken);
            try
            {
                var sentHeaders = context.UserHeaders;
                foreach (var subscriber in subscribers)
                {
                    subscriber.Invoke(@event, context);

                    // A subscriber's header-changing interceptor must not leak into its siblings.
                    context.RestoreHeaders(sentHeaders);
                }

                return default;
            }
            finally
            {
                context.ExitSync();
            }
        }

        return AsyncDispatch.RunEvent(runtime, subscribers, @event, headers, routingKey, cancellationToken);
    }
}
