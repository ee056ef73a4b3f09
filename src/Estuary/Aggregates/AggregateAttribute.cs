using System;

namespace Estuary;

/// <summary>
/// Marks a class as an aggregate: its <see cref="CommandHandlerAttribute"/> methods are wired to
/// load-invoke-save endpoints. A static handler returning the aggregate creates it (the send returns
/// its identifier); an instance handler is called on the instance the command's identifier names,
/// loaded from the aggregate's repository and saved afterwards with optimistic locking.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AggregateAttribute : Attribute
{
    /// <summary>The name the aggregate is stored under (its repository's collection); the type's full name by default.</summary>
    public string? Name { get; set; }
}
