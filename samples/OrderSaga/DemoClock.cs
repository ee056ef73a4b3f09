using System;

namespace OrderSaga;

/// <summary>
/// The system clock, plus whatever time the sample skipped. The payment deadline is 15 minutes; rather
/// than make you wait, the program moves this clock forward. Estuary reads delays from the host's
/// <see cref="TimeProvider"/>, so a delayed message falls due on this clock as it would on the real one.
/// A real host uses <see cref="TimeProvider.System"/> (the default when none is registered).
/// </summary>
public sealed class DemoClock : TimeProvider
{
    private TimeSpan _skipped;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _skipped;

    public void Skip(TimeSpan time) => _skipped += time;
}
