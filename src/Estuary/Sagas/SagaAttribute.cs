using System;

namespace Estuary;

/// <summary>
/// Marks a class as a saga: a long-running process that remembers its state between messages. It is
/// wired like an <see cref="AggregateAttribute"/> aggregate: a static handler returning the saga starts
/// it, an instance handler is called on the saga its message maps to, and the state is saved with
/// optimistic locking in the unit of work of the handled message, together with the messages the
/// handler sends. Unlike an aggregate, an instance event handler skips an event whose saga does not
/// exist (it has not started, or it completed), and a saga whose <see cref="SagaCompletedAttribute"/>
/// member is set is removed from the store.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SagaAttribute : Attribute
{
    /// <summary>The name the saga is stored under (its repository's collection); the type's full name by default.</summary>
    public string? Name { get; set; }
}
