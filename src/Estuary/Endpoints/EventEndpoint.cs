using System;
using System.ComponentModel;
using System.Threading.Tasks;

namespace Estuary.Runtime;

/// <summary>
/// An event handler. Events reach subscribers of their base types and interfaces too, so the
/// payload is passed as <see cref="object"/> and the generated override casts it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class EventEndpoint : Endpoint
{
    /// <summary>Describes the endpoint.</summary>
    protected EventEndpoint(EndpointDescription description)
        : base(description)
    {
    }

    /// <summary>The event name pattern from <see cref="EventHandlerAttribute.ListenTo"/>, if any.</summary>
    public string? ListenTo => Description.RoutingKey;

    /// <summary>Higher priorities run first.</summary>
    public int Priority => Description.Priority;

    /// <summary>
    /// Whether the endpoint takes an event of <paramref name="eventType"/> (subscribers of its base types
    /// and interfaces included) or named <paramref name="eventName"/> (by its <see cref="ListenTo"/> pattern):
    /// the one rule of the event bus and of projections.
    /// </summary>
    public bool Accepts(Type? eventType, string? eventName) =>
        (eventType is not null && MessageType is { } accepted && eventType.IsAssignableTo(accepted))
        || (eventName is not null && ListenTo is { } pattern && RoutingPattern.Matches(pattern, eventName));

    /// <inheritdoc />
    internal override ValueTask InvokeReceivedAsync(object? message, MessageContext context) => InvokeAsync(message, context);

    /// <summary>Runs a synchronous endpoint.</summary>
    public virtual void Invoke(object? @event, MessageContext context) =>
        throw new InvalidOperationException($"Endpoint {Name} is asynchronous; call InvokeAsync.");

    /// <summary>Runs the endpoint.</summary>
    public virtual ValueTask InvokeAsync(object? @event, MessageContext context)
    {
        Invoke(@event, context);
        return default;
    }
}

/// <summary>An event handler whose first parameter is <typeparamref name="TEvent"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class EventEndpoint<TEvent> : EventEndpoint
{
    /// <summary>Describes the endpoint.</summary>
    protected EventEndpoint(EndpointDescription description)
        : base(description)
    {
    }

    /// <inheritdoc />
    public override Type? MessageType => Description.HasPayload ? typeof(TEvent) : null;
}
