using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Runtime;

namespace Estuary;

/// <summary>
/// In-process dispatch while someone listens to <see cref="EstuaryTelemetry.Source"/>: a span for
/// the bus call, one per handler it runs and one per copy it sends to a channel (whose trace context
/// travels in the <c>traceparent</c> header). Every context here is carried by the AsyncLocal, which
/// allocates; without a listener, <see cref="Dispatch"/> takes its allocation-free path instead.
/// </summary>
internal static class TracedDispatch
{
    public static ValueTask<TResult> RunRequest<TRequest, TResult>(EstuaryRuntime runtime, RequestEndpoint<TRequest, TResult> endpoint, TRequest request, MessageHeaders? headers, string? routingKey, CancellationToken cancellationToken)
    {
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
        var kind = endpoint.Kind == EndpointKind.Query ? "query" : "command";
        using var call = Start(kind + " " + (routingKey ?? NameOf(runtime, typeof(TRequest))), ActivityKind.Internal);
        var context = MessageContext.CreateForAsync(runtime, headers, routingKey, cancellationToken);
        MessageContext.EnterAsync(context);
        try
        {
            call?.SetTag(EstuaryTelemetry.MessageIdTag, context.MessageId.ToString("D"));
            if (endpoint.Channel is { } channel)
            {
                await SendAsync(runtime, endpoint, channel, request, context, headers, cancellationToken).ConfigureAwait(false);
                return default!;
            }

            using var handler = StartHandler(endpoint);
            return await endpoint.InvokeAsync(request, context).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Fail(call, exception);
            throw;
        }
        finally
        {
            await context.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static async ValueTask RunEventAsync(EstuaryRuntime runtime, EventEndpoint[] subscribers, object? @event, MessageHeaders? headers, string? routingKey, CancellationToken cancellationToken)
    {
        using var call = Start("event " + (routingKey ?? (@event is null ? "(none)" : NameOf(runtime, @event.GetType()))), ActivityKind.Internal);
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
                    await SendAsync(runtime, subscriber, channel, @event, context, headers, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                using (StartHandler(subscriber))
                {
                    await subscriber.InvokeAsync(@event, context).ConfigureAwait(false);
                }

                context.RestoreHeaders(sentHeaders);
            }
        }
        catch (Exception exception)
        {
            Fail(call, exception);
            throw;
        }
        finally
        {
            await context.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static async ValueTask SendAsync(EstuaryRuntime runtime, Endpoint endpoint, string channel, object? message, MessageContext context, MessageHeaders? headers, CancellationToken cancellationToken)
    {
        // The producer span is current while the message is built, so its id becomes the traceparent.
        using var send = Start("send " + channel, ActivityKind.Producer);
        send?.SetTag(EstuaryTelemetry.ChannelTag, channel);
        send?.SetTag(EstuaryTelemetry.EndpointTag, endpoint.EndpointId);
        await runtime.Channels.SendAsync(endpoint, message, context, headers, cancellationToken).ConfigureAwait(false);
    }

    private static Activity? StartHandler(Endpoint endpoint)
    {
        var activity = Start("handle " + endpoint.Name, ActivityKind.Internal);
        activity?.SetTag(EstuaryTelemetry.EndpointTag, endpoint.EndpointId);
        return activity;
    }

    private static Activity? Start(string name, ActivityKind kind) => EstuaryTelemetry.Source.StartActivity(name, kind);

    private static string NameOf(EstuaryRuntime runtime, Type type) => runtime.Messages.NameOf(type) ?? type.Name;

    private static void Fail(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity.AddException(exception);
    }
}
