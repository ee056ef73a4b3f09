using System;

namespace Estuary;

/// <summary>
/// Binds a handler or interceptor parameter to one message header. The value is converted to the
/// parameter's type (strings, enums and any <see cref="IParsable{TSelf}"/> type). A nullable
/// parameter makes the header optional; otherwise a missing header is an error.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class HeaderAttribute : Attribute
{
    /// <summary>Binds the parameter to the header called <paramref name="name"/>.</summary>
    public HeaderAttribute(string name) => Name = name;

    /// <summary>The header name.</summary>
    public string Name { get; }
}
