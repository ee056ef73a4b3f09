using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Runtime;

/// <summary>What kind of handler an endpoint wires.</summary>
public enum EndpointKind
{
    /// <summary>A <see cref="CommandHandlerAttribute"/> method.</summary>
    Command,

    /// <summary>A <see cref="QueryHandlerAttribute"/> method.</summary>
    Query,

    /// <summary>An <see cref="EventHandlerAttribute"/> method.</summary>
    Event,

    /// <summary>The distributed bus's inbox: hands commands and events from other services to <see cref="DistributedAttribute"/> handlers.</summary>
    Distributed,
}

/// <summary>
/// One handler method as wired by the generator: a generated subclass binds the parameters, weaves
/// the interceptors and calls the method. Instances are process-wide singletons; everything that
/// belongs to one host lives in <see cref="EstuaryRuntime"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class Endpoint
{
    private static int s_lastId = -1;

    /// <summary>Describes the endpoint.</summary>
    protected Endpoint(EndpointDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        Description = description;
        IsSynchronous = description.IsSynchronous;
        Channel = description.Asynchronous?.Channel;
        IsInline = IsSynchronous && Channel is null;
        Id = Interlocked.Increment(ref s_lastId);
    }

    /// <summary>A process-wide index used by each host to find its state for this endpoint.</summary>
    public int Id { get; }

    /// <summary>What the generator knew about the handler.</summary>
    public EndpointDescription Description { get; }

    /// <summary>The kind of handler.</summary>
    public EndpointKind Kind => Description.Kind;

    /// <summary>A readable name, e.g. <c>OrderHandler.Place</c>.</summary>
    public string Name => Description.Name;

    /// <summary>Whether the handler and its interceptors complete without awaiting.</summary>
    public bool IsSynchronous { get; }

    /// <summary>The channel an <see cref="AsynchronousAttribute"/> endpoint receives its messages from, or <see langword="null"/> when it runs during the send.</summary>
    public string? Channel { get; }

    /// <summary>Whether a send runs the endpoint right away and synchronously: the allocation-free path.</summary>
    internal bool IsInline { get; }

    /// <summary>The endpoint id carried by the endpoint's messages on a channel.</summary>
    public string EndpointId => Description.EndpointId;

    /// <summary>
    /// The key a <see cref="DeduplicatedAttribute"/> endpoint deduplicates by, read from the message or
    /// its headers by generated code; <see langword="null"/> to deduplicate by message id.
    /// </summary>
    public virtual string? DeduplicationKey(object? message, MessageContext context) => null;

    /// <summary>
    /// The partition key of a message sent to this endpoint through a channel (the
    /// <c>partition-key</c> header): the identifier of the aggregate or saga instance the message
    /// targets, read by generated code; <see langword="null"/> when the endpoint targets no instance.
    /// </summary>
    public virtual string? PartitionKey(object? message, MessageContext context) => null;

    /// <summary>Runs the endpoint for a message received from a channel (the payload already has the endpoint's message type).</summary>
    internal abstract ValueTask InvokeReceivedAsync(object? message, MessageContext context);

    /// <summary>
    /// Whether the endpoint reads the payload itself: a received message's bytes are handed over as a
    /// <see cref="ReadOnlyMemory{T}"/> of bytes instead of being deserialized by its message name.
    /// </summary>
    internal virtual bool ReadsRawPayload => false;

    /// <summary>The message type the handler takes, or <see langword="null"/> for a routing-key-only handler.</summary>
    public abstract Type? MessageType { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>Static facts about an endpoint, emitted by the generator.</summary>
/// <param name="Kind">Command, query or event.</param>
/// <param name="Name">Readable name: declaring type and method.</param>
/// <param name="EndpointId">Stable id (given in the attribute, or derived from type and method names).</param>
/// <param name="ModuleName">The generated module the endpoint belongs to, for error messages.</param>
/// <param name="RoutingKey">Routing key of a command or query handler, or the listen-to pattern of an event handler.</param>
/// <param name="IsSynchronous">Whether the endpoint completes without awaiting.</param>
/// <param name="Priority">Event handler priority: higher runs first.</param>
/// <param name="HasPayload">Whether the handler takes the message as its first parameter (routing-key-only handlers do not).</param>
/// <param name="Asynchronous">Set for an <see cref="AsynchronousAttribute"/> endpoint.</param>
/// <param name="Schedule">Set for a <see cref="ScheduledAttribute"/> method.</param>
/// <param name="Distributed">Whether other services may call it through the distributed bus (<see cref="DistributedAttribute"/>).</param>
/// <param name="MessageConsumer">Whether it is a <see cref="MessageConsumerAttribute"/> method: its channel's default endpoint, never reached by a bus.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record EndpointDescription(
    EndpointKind Kind,
    string Name,
    string EndpointId,
    string ModuleName,
    string? RoutingKey,
    bool IsSynchronous,
    int Priority = 0,
    bool HasPayload = true,
    AsynchronousDescription? Asynchronous = null,
    ScheduleDescription? Schedule = null,
    bool Distributed = false,
    bool MessageConsumer = false);

/// <summary>What the generator knew about a <see cref="ScheduledAttribute"/> method.</summary>
/// <param name="Name">The schedule's name.</param>
/// <param name="EveryMilliseconds">The interval, for an interval schedule.</param>
/// <param name="Cron">The cron expression, for a cron schedule.</param>
/// <param name="TimeZone">The cron expression's time zone; UTC when null.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record ScheduleDescription(string Name, int? EveryMilliseconds = null, string? Cron = null, string? TimeZone = null);

/// <summary>What the generator knew about an <see cref="AsynchronousAttribute"/> endpoint.</summary>
/// <param name="Channel">The channel its messages go through.</param>
/// <param name="Priority">Delivery priority on the channel.</param>
/// <param name="DelayMilliseconds">From <see cref="DelayedAttribute"/>.</param>
/// <param name="TimeToLiveMilliseconds">From <see cref="TimeToLiveAttribute"/>.</param>
/// <param name="Retry">From <see cref="RetryAttribute"/>; <see langword="null"/> uses the channel's or the host's policy.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record AsynchronousDescription(
    string Channel,
    int Priority = 0,
    int? DelayMilliseconds = null,
    int? TimeToLiveMilliseconds = null,
    RetryPolicy? Retry = null);
