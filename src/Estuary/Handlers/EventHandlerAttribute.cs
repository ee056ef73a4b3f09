using System;

namespace Estuary;

/// <summary>
/// Marks a method as a subscriber of an event. The first parameter's type selects the events it
/// receives: the type itself, or any event deriving from it or implementing it. With
/// <see cref="ListenTo"/> it also receives events whose name matches the pattern
/// (<c>order.placed</c>, <c>order.*</c>, <c>*</c>). Any number of handlers may subscribe to an event.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class EventHandlerAttribute : Attribute
{
    /// <summary>Subscribes to the event given by the method's first parameter type.</summary>
    public EventHandlerAttribute()
    {
    }

    /// <summary>Subscribes to events whose name matches <paramref name="listenTo"/>; <c>*</c> matches any run of characters.</summary>
    public EventHandlerAttribute(string listenTo) => ListenTo = listenTo;

    /// <summary>The event name pattern this handler listens to, if any.</summary>
    public string? ListenTo { get; }

    /// <summary>
    /// Handlers with a higher priority run first; equal priorities run in declaration order within a
    /// class, then by class name, then in the order modules were added.
    /// </summary>
    public int Priority { get; set; }

    /// <summary>A stable identifier of this endpoint that survives renames of the class or method.</summary>
    public string? EndpointId { get; set; }

    /// <summary>
    /// On an instance handler of an <see cref="AggregateAttribute"/> class: when the instance the event
    /// names does not exist, skip the event instead of failing with <see cref="AggregateNotFoundException"/>
    /// (for processes that react only to events of instances they started).
    /// </summary>
    public bool DropMessageOnNotFound { get; set; }
}
