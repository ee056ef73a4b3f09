using System.Collections;
using System.ComponentModel;

namespace Estuary.Runtime;

/// <summary>
/// What the generator knew about a state-stored <see cref="AggregateAttribute"/> or
/// <see cref="SagaAttribute"/> type: its storage name, how its identifier reads, and its optional
/// version, completion and recorded-events members. The generated module holds one per type.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class StoredAggregateDefinition<TAggregate>
    where TAggregate : class
{
    /// <summary>The name instances are stored under (<c>[Aggregate(Name = ...)]</c>, else the type's name).</summary>
    public abstract string Name { get; }

    /// <summary>The identifier text an instance is stored under, read from its [Identifier] members.</summary>
    public abstract string IdOf(TAggregate aggregate);

    /// <summary>Sets the [AggregateVersion] member, if the type has one.</summary>
    public virtual void SetVersion(TAggregate aggregate, long version)
    {
    }

    /// <summary>Whether a saga's [SagaCompleted] member says it is over: it is deleted instead of saved.</summary>
    public virtual bool IsCompleted(TAggregate aggregate) => false;

    /// <summary>The events the instance recorded ([AggregateEvents]), published after it is saved; <see langword="null"/> if it records none.</summary>
    public virtual IEnumerable? RecordedEvents(TAggregate aggregate) => null;
}
