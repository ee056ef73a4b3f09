using System;

namespace Estuary;

/// <summary>
/// Gives a message type a stable name used for routing and on the wire, so renaming or moving the
/// class does not break stored or in-flight messages. Without it, the name is the type's full name.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class MessageNameAttribute : Attribute
{
    /// <summary>Names the message <paramref name="name"/>.</summary>
    public MessageNameAttribute(string name) => Name = name;

    /// <summary>The stable message name.</summary>
    public string Name { get; }
}
