using System;

namespace Estuary;

/// <summary>
/// Marks a class as a projection: a read model built from the events of the streams its
/// <see cref="FromAggregateStreamAttribute"/> and <see cref="FromStreamAttribute"/> attributes name.
/// Its <see cref="EventHandlerAttribute"/> methods receive those events in the store's order; they are
/// not subscribers of the event bus. An event is never pushed into the projection: the projection
/// reads the store from the position it last committed, in batches, each batch (the handlers' writes,
/// the flush and the new position) committed as one transaction. A failing event therefore stops the
/// projection at that event with nothing of its batch kept, and once the handler is fixed the
/// projection goes on from there by itself.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ProjectionAttribute(string name) : Attribute
{
    /// <summary>The projection's name: its position, status and operations are kept under it. Renaming it starts a new projection.</summary>
    public string Name { get; } = name;

    /// <summary>How many events of the store one batch reads at most (default 1,000).</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>
    /// Runs the projection in the unit of work of every append to its streams by an event-sourced
    /// repository, so the read model commits with the events, or neither does (see docs/projections.md).
    /// A handler that throws then fails the append. The host's worker still catches it up for events
    /// appended otherwise.
    /// </summary>
    public bool Synchronous { get; set; }

    /// <summary>
    /// Keeps a position, a lock and failures per stream (per aggregate) instead of one for the whole
    /// store: partitions are handled in parallel, by several workers across processes, each stream in
    /// its order; a failing stream backs off alone while the others go on; one stream can be rebuilt
    /// while the others keep being served (<see cref="ProjectionPartitionResetAttribute"/>). Events of
    /// different streams are not handled in the store's order of all events (see docs/projections.md).
    /// </summary>
    public bool Partitioned { get; set; }

    /// <summary>
    /// The projection's version (default 1). A class with the same <see cref="Name"/> and a higher version
    /// is a new version of the projection, built beside the live one: it is kept under the name
    /// <c>{Name}_v{Version}</c>, catches up silently (it emits nothing) up to where the live version is,
    /// then takes over, and the older versions stop (see docs/projections.md, "Blue-green").
    /// </summary>
    public int Version { get; set; } = 1;

    /// <summary>
    /// Leaves a new <see cref="Version"/> building beside the live one, following it, until
    /// <c>EstuaryProjections.TakeOverAsync</c> (or <c>estuary projections take-over</c>) switches to it;
    /// by default the host's projection worker switches as soon as it has caught up.
    /// </summary>
    public bool ManualTakeOver { get; set; }
}

/// <summary>
/// Feeds the projection the streams of an event-sourced aggregate or saga type (<c>{Stream}-{id}</c>). On a
/// <see cref="ProjectionStateGatewayAttribute"/> method: which of the projection's aggregates its identifier is.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class FromAggregateStreamAttribute(Type aggregateType) : Attribute
{
    /// <summary>The aggregate or saga type, marked <see cref="EventSourcingAggregateAttribute"/> or <see cref="EventSourcingSagaAttribute"/>.</summary>
    public Type AggregateType { get; } = aggregateType;
}

/// <summary>Feeds the projection the streams whose id starts with <c>{prefix}-</c> (as an aggregate's <see cref="StreamAttribute"/> names them).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FromStreamAttribute(string prefix) : Attribute
{
    /// <summary>The stream prefix, without the dash.</summary>
    public string Prefix { get; } = prefix;
}

/// <summary>
/// Runs before the projection's first batch, in that batch's transaction (create a table, an index).
/// It runs again after a reset or a delete, so make it idempotent (<c>CREATE TABLE IF NOT EXISTS</c>).
/// Parameters: services, <see cref="System.Threading.CancellationToken"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ProjectionInitializationAttribute : Attribute;

/// <summary>Runs when the projection is reset or rebuilt, in the transaction that moves it back to the start: empty the read model.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ProjectionResetAttribute : Attribute;

/// <summary>
/// Runs when one partition (stream) of a partitioned projection is rebuilt, in the transaction that
/// moves it back to the start of its stream and handles it again: remove what that stream's events wrote.
/// Parameters: the partition's key (<see cref="string"/>, the stream id), services, <see cref="System.Threading.CancellationToken"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ProjectionPartitionResetAttribute : Attribute;

/// <summary>Runs when the projection is deleted, in the transaction that removes its position: drop the read model.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ProjectionDeleteAttribute : Attribute;

/// <summary>Runs at the end of every batch that handled events, before the position is saved, in the batch's transaction.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ProjectionFlushAttribute : Attribute;

/// <summary>
/// Binds a projection handler's parameter to the state the projection keeps with its position: loaded
/// at the start of each batch (a new instance, as System.Text.Json builds it from <c>{}</c>, the first
/// time), saved with the position when the batch commits, rolled back with it. Mutate it, or return a
/// value of the same type from the handler to replace it. Its type needs System.Text.Json metadata
/// (a <c>[JsonSerializable]</c> in a composed module's context). Read it with
/// <see cref="EstuaryProjections.GetStateAsync{TState}(string, System.Threading.CancellationToken)"/> (a partition's with the overload taking its key).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class ProjectionStateAttribute : Attribute;

/// <summary>
/// Makes an interface method read a projection's <see cref="ProjectionStateAttribute"/> state: Estuary
/// generates the interface's implementation and registers it, so the interface can be injected anywhere.
/// The method returns <c>Task&lt;TState?&gt;</c> or <c>ValueTask&lt;TState?&gt;</c> (null before any batch
/// saved a state). Without parameters it reads the projection's state; a partitioned projection's
/// method takes the aggregate's identifier (the partition is its stream), and, when the projection
/// reads several aggregates' streams, names the aggregate with <see cref="FromAggregateStreamAttribute"/>.
/// A <see cref="System.Threading.CancellationToken"/> parameter is passed on. The state read is the live
/// version's (see <see cref="ProjectionAttribute.Version"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ProjectionStateGatewayAttribute(string projection) : Attribute
{
    /// <summary>The projection's name (<see cref="ProjectionAttribute.Name"/>).</summary>
    public string Projection { get; } = projection;
}
