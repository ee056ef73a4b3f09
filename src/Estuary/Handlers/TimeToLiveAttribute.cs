using System;

namespace Estuary;

/// <summary>
/// Drops an asynchronous handler's message instead of delivering it when it waited longer than
/// <paramref name="milliseconds"/> (one-time codes, live notifications). A <c>time-to-live</c>
/// header on a send (milliseconds) overrides it.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TimeToLiveAttribute(int milliseconds) : Attribute
{
    /// <summary>The time to live in milliseconds.</summary>
    public int Milliseconds { get; } = milliseconds;
}
