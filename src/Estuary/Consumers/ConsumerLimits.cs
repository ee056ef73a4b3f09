using System;

namespace Estuary;

/// <summary>When a consumer run by <see cref="EstuaryConsumers.RunAsync(string, ConsumerLimits?, System.Threading.CancellationToken)"/> stops (besides cancellation).</summary>
public sealed record ConsumerLimits
{
    /// <summary>No limit: run until cancelled (what the host's background consumers do).</summary>
    public static readonly ConsumerLimits None = new();

    /// <summary>Stop after this many messages were received.</summary>
    public int? MaxMessages { get; init; }

    /// <summary>Stop after this much (real) time.</summary>
    public TimeSpan? MaxDuration { get; init; }

    /// <summary>Stop as soon as no message is available right now (delayed messages that are not yet due do not count).</summary>
    public bool StopWhenEmpty { get; init; }

    /// <summary>Stop at the first message that failed (retried later, dead-lettered or ignored).</summary>
    public bool StopOnFailure { get; init; }

    /// <summary>Messages handled at the same time; <see langword="null"/> uses the channel's <see cref="Channels.ConsumerSettings.Concurrency"/>.</summary>
    public int? Concurrency { get; init; }
}
