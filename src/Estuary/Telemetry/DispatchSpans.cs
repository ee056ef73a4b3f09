using System;
using System.Diagnostics;
using Estuary.Runtime;

namespace Estuary;

/// <summary>The spans of an in-process dispatch; each start returns null when no one listens.</summary>
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
