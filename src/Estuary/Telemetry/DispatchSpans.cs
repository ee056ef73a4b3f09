using System;
using System.Diagnostics;
using Estuary.Channels;
using Estuary.Runtime;

namespace Estuary;

/// <summary>The spans of an in-process dispatch and of a received message; each start returns null when no one listens.</summary>
internal static class DispatchSpans
{
    /// <summary>The bus call: <c>command orders.place</c>, <c>event Shop.OrderPlaced</c>.</summary>
    public static Activity? StartCall(EstuaryRuntime runtime, string kind, string? routingKey, Type? messageType)
    {
        if (!EstuaryTelemetry.Source.HasListeners())
        {
            return null;
        }

        var subject = routingKey ?? (messageType is null ? "(none)" : runtime.Messages.NameOf(messageType) ?? messageType.Name);
        return EstuaryTelemetry.Source.StartActivity(kind + " " + subject, ActivityKind.Internal);
    }

    /// <summary>One handler run.</summary>
    public static Activity? StartHandler(Endpoint endpoint)
    {
        if (!EstuaryTelemetry.Source.HasListeners())
        {
            return null;
        }

        var activity = EstuaryTelemetry.Source.StartActivity("handle " + endpoint.Name, ActivityKind.Internal);
        activity?.SetTag(EstuaryTelemetry.EndpointTag, endpoint.EndpointId);
        return activity;
    }

    /// <summary>One copy sent to a channel: a producer span.</summary>
    public static Activity? StartSend(Endpoint endpoint, string channel)
    {
        if (!EstuaryTelemetry.Source.HasListeners())
        {
            return null;
        }

        var send = EstuaryTelemetry.Source.StartActivity("send " + channel, ActivityKind.Producer);
        send?.SetTag(EstuaryTelemetry.ChannelTag, channel);
        send?.SetTag(EstuaryTelemetry.EndpointTag, endpoint.EndpointId);
        return send;
    }

    /// <summary>The processing of a message received from a channel: a consumer span, child of the sender's trace.</summary>
    public static Activity? StartProcess(string channel, ChannelMessage message)
    {
        if (!EstuaryTelemetry.Source.HasListeners())
        {
            return null;
        }

        var parent = message.Headers.TryGetValue(MessageHeaderNames.TraceParent, out var traceParent) && ActivityContext.TryParse(traceParent, null, out var sender) ? sender : default;
        var activity = EstuaryTelemetry.Source.StartActivity("process " + message.EndpointId, ActivityKind.Consumer, parent);
        if (activity is not null)
        {
            activity.SetTag(EstuaryTelemetry.ChannelTag, channel);
            activity.SetTag(EstuaryTelemetry.EndpointTag, message.EndpointId);
            activity.SetTag(EstuaryTelemetry.MessageIdTag, message.MessageId.ToString("D"));
            activity.SetTag("estuary.attempts", message.Attempts);
        }

        return activity;
    }

    /// <summary>Records what became of the received message; outcomes other than handling it are errors.</summary>
    public static void EndProcess(Activity? activity, DeliveryOutcome outcome)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(EstuaryTelemetry.OutcomeTag, outcome.ToString());
        if (outcome is DeliveryOutcome.DeadLettered or DeliveryOutcome.Ignored or DeliveryOutcome.SentToErrorChannel or DeliveryOutcome.Released)
        {
            activity.SetStatus(ActivityStatusCode.Error, outcome.ToString());
        }
    }

    public static void Fail(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity.AddException(exception);
    }
}
