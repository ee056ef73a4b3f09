using System;

namespace Estuary;

/// <summary>
/// How a failed asynchronous message is retried: first instantly, on the same delivery (in a fresh
/// attempt of its unit of work), then with delayed retries that put it back on its channel with an
/// exponential backoff, leaving the consumer free for other messages meanwhile.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>No retries: the first failure is final.</summary>
    public static readonly RetryPolicy None = new() { InstantRetries = 0, DelayedRetries = 0 };

    /// <summary>Extra attempts right away, before any delayed retry (default 2).</summary>
    public int InstantRetries { get; init; } = 2;

    /// <summary>How many times the message goes back on its channel with a delay (default 3).</summary>
    public int DelayedRetries { get; init; } = 3;

    /// <summary>The delay before the first delayed retry (default 1 s).</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Each delayed retry waits this many times longer than the previous one (default 3).</summary>
    public double Multiplier { get; init; } = 3;

    /// <summary>The longest delay (default 5 min).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Random spread applied to each delay, as a fraction (default 0.2: up to 20% shorter or
    /// longer), so messages that failed together do not all come back together.
    /// </summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>The delay before delayed retry number <paramref name="retry"/> (1-based), jitter included.</summary>
    public TimeSpan DelayFor(int retry, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        ArgumentNullException.ThrowIfNull(random);
        var exact = InitialDelay.TotalMilliseconds * Math.Pow(Multiplier, retry - 1);
        var capped = Math.Min(exact, MaxDelay.TotalMilliseconds);
        var spread = Jitter <= 0 ? 0 : capped * Jitter * ((random.NextDouble() * 2) - 1);
        return TimeSpan.FromMilliseconds(Math.Max(0, capped + spread));
    }
}
