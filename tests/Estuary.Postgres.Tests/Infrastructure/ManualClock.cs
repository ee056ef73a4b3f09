using System;

namespace Estuary.Postgres.Tests;

/// <summary>
/// A clock that moves only when told to, while timers still run on real time: a receive's wait ends
/// as usual, but delayed and expiring messages fall due only when the test advances the clock.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public ManualClock()
        : this(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
