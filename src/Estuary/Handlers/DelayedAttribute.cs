using System;

namespace Estuary;

/// <summary>
/// Delivers an asynchronous handler's messages no sooner than <paramref name="milliseconds"/> after
/// they are sent. A <c>delivery-delay</c> header on a send (milliseconds) overrides it.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DelayedAttribute(int milliseconds) : Attribute
{
    /// <summary>The delay in milliseconds.</summary>
    public int Milliseconds { get; } = milliseconds;
}
