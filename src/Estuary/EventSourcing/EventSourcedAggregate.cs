using System.ComponentModel;

namespace Estuary;

/// <summary>
/// What Estuary knows of one event-sourced aggregate type, generated from its attributes: its stable
/// names, how to create an empty instance, how to apply an event (a switch over its
/// <see cref="EventSourcingHandlerAttribute"/> methods, no reflection) and where its identifier and
/// version live. <see cref="EventSourcedRepository{TAggregate}"/> builds on it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public abstract class EventSourcedAggregate<TAggregate>
    where TAggregate : class
{
    /// <summary>The stable aggregate type name stored in event metadata (<see cref="AggregateTypeAttribute"/>, or the class's full name).</summary>
    public abstract string TypeName { get; }

    /// <summary>The prefix of the aggregate's streams (<see cref="StreamAttribute"/>, or <see cref="TypeName"/>).</summary>
    public abstract string StreamPrefix { get; }

    /// <summary>Events between snapshots; 0 when the aggregate takes none.</summary>
    public virtual int SnapshotEvery => 0;

    /// <summary>
    /// Whether an applied event has <see cref="SensitiveAttribute"/> members, so the state may hold
    /// personal data: its snapshots are then stored encrypted with the instance's subject key.
    /// </summary>
    public virtual bool HoldsSensitiveData => false;

    /// <summary>Whether <see cref="VersionOf"/> reads a member of the instance (snapshots need one).</summary>
    public virtual bool HasVersionMember => false;

    /// <summary>A new, empty instance to apply events to.</summary>
    public abstract TAggregate Create();

    /// <summary>Applies one event to the instance; an event without an apply method changes nothing.</summary>
    public abstract void Apply(TAggregate aggregate, object @event);

    /// <summary>The instance's identifier as the text its stream is named by.</summary>
    public abstract string IdOf(TAggregate aggregate);

    /// <summary>Sets the instance's <see cref="AggregateVersionAttribute"/> member, if it has one.</summary>
    public virtual void SetVersion(TAggregate aggregate, long version)
    {
    }

    /// <summary>Reads the instance's <see cref="AggregateVersionAttribute"/> member (0 without one).</summary>
    public virtual long VersionOf(TAggregate aggregate) => 0;

    /// <summary>The stream of instance <paramref name="id"/>.</summary>
    public string StreamOf(string id) => StreamPrefix + "-" + id;
}
