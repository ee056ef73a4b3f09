using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Estuary;

/// <summary>
/// Estuary's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <c>Estuary</c>. Add
/// the name to your OpenTelemetry tracer and meter providers
/// (<c>.AddSource("Estuary")</c>, <c>.AddMeter("Estuary")</c>). Without a listener, dispatch
/// pays one check and creates nothing.
/// </summary>
public static class EstuaryTelemetry
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "Estuary";

    /// <summary>Spans: a bus call and each handler it runs, a send to a channel, the processing of a received message.</summary>
    public static readonly ActivitySource Source = new(Name, typeof(EstuaryTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Counters of received messages by outcome, and handling time.</summary>
    public static readonly Meter Meter = new(Name, typeof(EstuaryTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Messages handled by asynchronous endpoints (tags: <c>estuary.channel</c>, <c>estuary.endpoint</c>).</summary>
    public static readonly Counter<long> Handled = Meter.CreateCounter<long>("estuary.messages.handled", "{message}", "Messages an asynchronous endpoint handled successfully.");

    /// <summary>Failed handling attempts, retried or not.</summary>
    public static readonly Counter<long> Failed = Meter.CreateCounter<long>("estuary.messages.failed", "{attempt}", "Handling attempts that threw.");

    /// <summary>Messages put back on their channel for a delayed retry.</summary>
    public static readonly Counter<long> Retried = Meter.CreateCounter<long>("estuary.messages.retried", "{message}", "Messages scheduled for a delayed retry.");

    /// <summary>Messages stored in the dead letter.</summary>
    public static readonly Counter<long> DeadLettered = Meter.CreateCounter<long>("estuary.messages.dead_lettered", "{message}", "Messages moved to the dead letter.");

    /// <summary>Time to process a received message, retries included.</summary>
    public static readonly Histogram<double> ProcessingTime = Meter.CreateHistogram<double>("estuary.message.processing_time", "ms", "Time from receiving a message to its outcome.");

    /// <summary>Span tag: the endpoint id.</summary>
    public const string EndpointTag = "estuary.endpoint";

    /// <summary>Span tag: the channel.</summary>
    public const string ChannelTag = "estuary.channel";

    /// <summary>Span tag: the message id.</summary>
    public const string MessageIdTag = "messaging.message.id";

    /// <summary>Span tag: the message name.</summary>
    public const string MessageNameTag = "estuary.message.name";

    /// <summary>Span tag: what became of a received message.</summary>
    public const string OutcomeTag = "estuary.outcome";
}
