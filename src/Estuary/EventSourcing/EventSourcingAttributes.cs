using System;

namespace Estuary;

/// <summary>
/// Marks a class as an event-sourced aggregate: its state is the sum of its events. Command handlers
/// return the new events (a static factory returns the first ones), or record them in an
/// <see cref="AggregateEventsAttribute"/> method; <see cref="EventSourcingHandlerAttribute"/> methods
/// apply each event to the state. Estuary generates the rest: load the stream (from a snapshot, if
/// any), apply, call the handler, append the new events with the version loaded, publish them.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class EventSourcingAggregateAttribute : Attribute
{
    /// <summary>Store a snapshot of the state every this many events (0: never), so loading reads only the events after it.</summary>
    public int SnapshotEvery { get; set; }

    /// <summary>
    /// Keep this aggregate's streams in an events table of their own, <c>events_{Table}</c>, instead of
    /// the table every other stream shares (stores with tables: PostgreSQL; the in-memory store keeps
    /// all streams alike). Lower-case letters, digits and underscores, at most 30, starting with a letter
    /// (see <see cref="EventStreamTable.IsValidTable"/>).
    /// </summary>
    public string? Table { get; set; }
}

/// <summary>
/// Marks a class as an event-sourced saga: a <see cref="SagaAttribute"/> process whose state is the sum
/// of its events, wired like an <see cref="EventSourcingAggregateAttribute"/> aggregate. As for any saga,
/// an instance event handler skips an event whose saga has no stream.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class EventSourcingSagaAttribute : Attribute
{
    /// <summary>Store a snapshot of the state every this many events (0: never).</summary>
    public int SnapshotEvery { get; set; }

    /// <summary>Keep this saga's streams in an events table of their own, <c>events_{Table}</c> (see <see cref="EventSourcingAggregateAttribute.Table"/>).</summary>
    public string? Table { get; set; }
}

/// <summary>
/// Marks an instance method of an event-sourced aggregate that applies one event to the state:
/// <c>void On(OrderPlaced placed)</c>. It must only change the instance: it runs again every time the
/// aggregate is loaded.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class EventSourcingHandlerAttribute : Attribute;

/// <summary>The stable name an event is stored and sent under, so renaming or moving the class keeps old events readable.</summary>
/// <param name="name">The name, for example <c>"order.placed"</c>.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class NamedEventAttribute(string name) : Attribute
{
    /// <summary>The stable name.</summary>
    public string Name { get; } = name;
}

/// <summary>
/// The revision of an event's schema (1 by default). Events stored at an older revision are upcast on
/// read by the <see cref="UpcasterAttribute"/> methods declared for them.
/// </summary>
/// <param name="revision">The current revision, at least 1.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class RevisionAttribute(int revision) : Attribute
{
    /// <summary>The current revision.</summary>
    public int Revision { get; } = revision;
}

/// <summary>The stable name of an aggregate type, stored in each event's metadata (default: the class's full name).</summary>
/// <param name="name">The name, for example <c>"order"</c>.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AggregateTypeAttribute(string name) : Attribute
{
    /// <summary>The stable name.</summary>
    public string Name { get; } = name;
}

/// <summary>The prefix of an event-sourced aggregate's streams: instance <c>42</c> of <c>[Stream("orders")]</c> lives in stream <c>orders-42</c> (default: the aggregate type's name).</summary>
/// <param name="name">The prefix.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class StreamAttribute(string name) : Attribute
{
    /// <summary>The prefix.</summary>
    public string Name { get; } = name;
}

/// <summary>
/// Marks a static method that upcasts the JSON of an event from one revision to the next:
/// <c>static JsonObject V1ToV2(JsonObject v1)</c>. Events stored at <see cref="FromRevision"/> pass
/// through it (and the following upcasters) when read, until they reach the event's current revision.
/// </summary>
/// <param name="eventType">The event (its current class, carrying <see cref="RevisionAttribute"/>).</param>
/// <param name="fromRevision">The revision the method reads; it returns revision + 1.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class UpcasterAttribute(Type eventType, int fromRevision) : Attribute
{
    /// <summary>The event.</summary>
    public Type EventType { get; } = eventType;

    /// <summary>The revision the method reads.</summary>
    public int FromRevision { get; } = fromRevision;
}
