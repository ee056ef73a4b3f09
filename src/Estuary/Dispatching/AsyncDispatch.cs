using System;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Runtime;

/// <summary>
/// Every in-process dispatch that is not the allocation-free synchronous one (<see cref="Dispatch"/>):
/// an endpoint that awaits, an asynchronous endpoint whose message goes to its channel, and any
/// dispatch while someone listens to <see cref="EstuaryTelemetry.Source"/>. The context is carried by
/// the AsyncLocal, so code after an await still sees it. With a listener there is a span for the bus
/// call, one per handler run and one per copy sent to a channel (whose trace context travels in the
/// <c>traceparent</c> header); without one, starting a span returns null and costs a check.
/// </summary>
internal static class AsyncDispatch
{
    public static ValueTask<TResult> RunRequest<TRequest, TResult>(EstuaryRuntime runtime, RequestEndpoint<TRequest, TResult> endpoint, TRequest request, MessageHeaders? headers, string? routingKey, CancellationToken cancellationToken)
    {
        // The thread's synchronous contexts are hidden while the endpoint's synchronous part runs,
        // so the context this dispatch sets in the AsyncLocal is what its code observes.
        var suspended = MessageContext.SuspendSync();
        try
        {
            return RunRequestAsync(runtime, endpoint, request, headers, routingKey, cancellationToken);
        }
        finally
        {
            MessageContext.ResumeSync(suspended);
        }
    }

    public static ValueTask RunEvent(EstuaryRuntime runtime, EventEndpoint[] subscribers, object? @event, MessageHeaders? headers, string? routingKey, CancellationToken cancellationToken)
    {
        var suspended = MessageContext.SuspendSync();
        try
        {
            return RunEventAsync(runtime, subscribers, @event, headers, routingKey, cancellationToken);
        }
        finally
        {
            MessageContext.ResumeSync(suspended);
        }
    }

    private static async ValueTask<TResult> RunRequestAsync<TRequest, TResult>(EstuaryRuntime runtime, RequestEndpoint<TRequest, TResult> endpoint, TRequest request, MessageHeaders? headers, string? routingKey, CancellationToken cancellationToken)
    {
        using var call = DispatchSpans.StartCall(runtime, endpoint.Kind == EndpointKind.Query ? "query" : "command", routingKey, typeof(TRequest));
        var context = MessageContext.CreateForAsync(runtime, headers, routingKey, cancellationToken);
        MessageContext.EnterAsync(context);
        try
        {
            call?.SetTag(EstuaryTelemetry.MessageIdTag, context.MessageId.ToString("D"));
            if (endpoint.Channel is { } channel)
            {
                // An asynchronous endpoint: the send completes once the message is stored (or held by the unit of work).
                await SendAsync(runtime, endpoint, channel, request, context, headers, cancellationToken).ConfigureAwait(false);
                return default!;
            }

            using var handler = DispatchSpans.StartHandler(endpoint);
            return await endpoint.InvokeAsync(request, context).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            DispatchSpans.Fail(call, exception);
            throw;
        }
        finally
        {
            await context.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static async ValueTask RunEventAsync(EstuaryRuntime runtime, EventEndpoint[] subscribers, object? @event, MessageHeaders? headers, string? routingKey, CancellationToken cancellationToken)
    {
        using var call = DispatchSpans.StartCall(runtime, "event", routingKey, @event?.GetType());
        var context = MessageContext.CreateForAsync(runtime, headers, routingKey, cancellationToken);
        MessageContext.EnterAsync(context);
        try
        {
            call?.SetTag(EstuaryTelemetry.MessageIdTag, context.MessageId.ToString("D"));
            var sentHeaders = context.UserHeaders;
            foreach (var subscriber in subscribers)
            {
                if (subscriber.Channel is { } channel)
                {
                    // Each asynchronous subscriber gets its own copy, retried and dead-lettered on its own.
                    await SendAsync(runtime, subscriber, channel, @event, context, headers, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                using (DispatchSpans.StartHandler(subscriber))
                {
                    await subscriber.InvokeAsync(@event, context).ConfigureAwait(false);
                }

                // A subscriber's header-changing interceptor must not leak into its siblings.
                context.RestoreHeaders(sentHeaders);
            }
        }
        catch (Exception exception)
        {
            DispatchSpans.Fail(call, exception);
            throw;
        }
        finally
        {
            await context.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>An asynchronous bus: the message goes to the bus's channel for <paramref name="endpoint"/>, held by the current unit of work if any.</summary>
    internal static async ValueTask SendThroughBusChannelAsync(EstuaryRuntime runtime, string channel, Endpoint endpoint, object? message, MessageHeaders? headers, string? routingKey, CancellationToken cancellationToken)
    {
        var context = MessageContext.CreateForAsync(runtime, headers, routingKey, cancellationToken);
        await runtime.Channels.SendAsync(channel, endpoint, message, context, headers, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An asynchronous bus publishing: each subscriber gets its copy on the bus's channel (or its own, if it is asynchronous itself).</summary>
    internal static async ValueTask PublishThroughBusChannelAsync(EstuaryRuntime runtime, string channel, EventRoute route, object? @event, MessageHeaders? headers, string? routingKey, CancellationToken cancellationToken)
    {
        var context = MessageContext.CreateForAsync(runtime, headers, routingKey, cancellationToken);
        foreach (var subscriber in route.Subscribers)
        {
            await runtime.Channels.SendAsync(subscriber.Channel ?? channel, subscriber, @event, context, headers, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async ValueTask SendAsync(EstuaryRuntime runtime, Endpoint endpoint, string channel, object? message, MessageContext context, MessageHeaders? headers, CancellationToken cancellationToken)
    {
        // The producer span is current while the message is built, so its id becomes the traceparent.
        using var send = DispatchSpans.StartSend(endpoint, channel);
        await runtime.Channels.SendAsync(endpoint, message, context, headers, cancellationToken).ConfigureAwait(false);
    }
}
