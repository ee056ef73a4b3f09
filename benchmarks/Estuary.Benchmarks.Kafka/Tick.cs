using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Benchmarks.Kafka;

/// <summary>The message Estuary and the twin send and handle (Wolverine has its own copy, <c>WolverineTick</c>).</summary>
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
    private TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Ticks expected and not counted yet.</summary>
    public int Remaining => _expected - Volatile.Read(ref _count);

    /// <summary>Completes when the expected number of ticks was counted.</summary>
    public Task Reached => _reached.Task;

    public void Expect(int count)
    {
        _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _count = 0;
        _expected = count;
    }

    public void Hit()
    {
        if (Interlocked.Increment(ref _count) == _expected)
        {
            _reached.TrySetResult();
        }
    }
}

[JsonSerializable(typeof(Tick))]
[JsonSerializable(typeof(Stamped))]
internal sealed partial class TickJson : JsonSerializerContext;
