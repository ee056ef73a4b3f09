using System;

namespace Estuary.FunctionalTests;

/// <summary>A clock that moves only when a test says so (consumers run with StopWhenEmpty never wait on it).</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
