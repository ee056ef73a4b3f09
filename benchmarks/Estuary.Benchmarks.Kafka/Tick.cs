using System.Text.Json.Serialization;
using System.Threading;

namespace Estuary.Benchmarks.Kafka;

/// <summary>The message both subjects send and handle.</summary>
public sealed record Tick(int Sequence);

/// <summary>Estuary's handler: counts the tick.</summary>
public static class TickHandler
{
    [Asynchronous(KafkaBenchmarks.Channel)]
    [CommandHandler(EndpointId = "bench.tick")]
    public static void Handle(Tick tick, TickCounter counter) => counter.Hit();
}

/// <summary>Counts handled ticks against the number expected.</summary>
public sealed class TickCounter
{
    private int _count;
    private int _expected;

    /// <summary>Ticks expected and not counted yet.</summary>
    public int Remaining => _expected - Volatile.Read(ref _count);

    public void Expect(int count)
    {
        _count = 0;
        _expected = count;
    }

    public void Hit() => Interlocked.Increment(ref _count);
}

[JsonSerializable(typeof(Tick))]
[JsonSerializable(typeof(Stamped))]
internal sealed partial class TickJson : JsonSerializerContext;
