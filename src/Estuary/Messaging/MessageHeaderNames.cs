using System;

namespace Estuary;

/// <summary>Names of the headers Estuary itself maintains on every message.</summary>
public static class MessageHeaderNames
{
    /// <summary>The unique id of the message (a <see cref="System.Guid"/>).</summary>
    public const string MessageId = "message-id";

    /// <summary>The id shared by every message of one flow; the first message's id unless given.</summary>
    public const string CorrelationId = "correlation-id";

    /// <summary>The id of the message whose handler sent this one.</summary>
    public const string CausationId = "causation-id";

    /// <summary>When the message was sent (a <see cref="System.DateTimeOffset"/>).</summary>
    public const string Timestamp = "timestamp";

    /// <summary>The routing key the message was sent with, if any.</summary>
    public const string RoutingKey = "routing-key";

    /// <summary>The media type of a serialized payload, e.g. <c>application/json</c>.</summary>
    public const string ContentType = "content-type";

    /// <summary>The stable name of the message type (see <see cref="MessageNameAttribute"/>).</summary>
    public const string MessageName = "message-name";

    /// <summary>Milliseconds to wait before an asynchronous endpoint receives the message (overrides <see cref="DelayedAttribute"/>).</summary>
    public const string DeliveryDelay = "delivery-delay";

    /// <summary>Milliseconds after which an undelivered asynchronous message is dropped (overrides <see cref="TimeToLiveAttribute"/>).</summary>
    public const string TimeToLive = "time-to-live";

    /// <summary>Delivery priority on an asynchronous endpoint's channel (overrides <see cref="AsynchronousAttribute.Priority"/>).</summary>
    public const string Priority = "priority";

    /// <summary>The W3C trace context of the span that sent the message.</summary>
    public const string TraceParent = "traceparent";

    /// <summary>Set on a message replayed from the dead letter.</summary>
    public const string Replayed = "replayed";

    /// <summary>The identifier of the aggregate or saga instance a message without an identifier member targets.</summary>
    public const string AggregateId = "aggregate.id";

    /// <summary>
    /// What keeps messages in order on a partitioned channel (Kafka): messages with the same key go to the
    /// same partition and are handled one after the other. Set for messages sent to an aggregate or saga
    /// instance (its identifier) and for the events an aggregate records; a sender may set it.
    /// </summary>
    public const string PartitionKey = "partition-key";

    /// <summary>On a message of the distributed bus: <c>command</c> or <c>event</c>.</summary>
    public const string DistributedKind = "distributed-kind";

    /// <summary>On a message of the distributed bus: the name of the service that sent it.</summary>
    public const string SourceService = "source-service";

    /// <summary>On a command of the distributed bus: the name of the service it is sent to.</summary>
    public const string TargetService = "target-service";

    /// <summary>
    /// The prefix of the headers a channel adds to a message it received, saying where it read it from
    /// (a Kafka channel: <c>received-topic</c>, <c>received-partition</c>, <c>received-offset</c>). Reserved:
    /// they describe one reception, and are not copied to the messages a handler sends.
    /// </summary>
    public const string ReceivedPrefix = "received-";

    /// <summary>
    /// Whether a header is maintained by Estuary. Such headers belong to one message: its handlers
    /// see them, and they are not copied from a handled message to the messages its handler sends.
    /// </summary>
    public static bool IsReserved(string name) => name switch
    {
        MessageId or CorrelationId or CausationId or Timestamp or RoutingKey or ContentType or MessageName
            or DeliveryDelay or TimeToLive or Priority or TraceParent or Replayed or AggregateId or PartitionKey
            or DistributedKind or SourceService or TargetService => true,
        _ => name.StartsWith(ReceivedPrefix, StringComparison.Ordinal),
    };
}
