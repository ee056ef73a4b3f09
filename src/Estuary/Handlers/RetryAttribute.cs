using System;

namespace Estuary;

/// <summary>
/// The retries of an asynchronous handler, replacing its channel's and the host's default
/// (see <see cref="RetryPolicy"/>). Properties left unset keep the <see cref="RetryPolicy"/> defaults.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RetryAttribute : Attribute
{
    /// <summary>Extra attempts right away.</summary>
    public int Instant { get; set; } = 2;

    /// <summary>Delayed retries, each putting the message back on its channel.</summary>
    public int Delayed { get; set; } = 3;

    /// <summary>The delay before the first delayed retry, in milliseconds.</summary>
    public int InitialDelayMilliseconds { get; set; } = 1000;

    /// <summary>Each delayed retry waits this many times longer than the previous one.</summary>
    public double Multiplier { get; set; } = 3;

    /// <summary>The longest delay, in milliseconds.</summary>
    public int MaxDelayMilliseconds { get; set; } = 300_000;
}
