using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

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

/// <summary>Counts handled ticks; completes when the expected number arrived.</summary>
public sealed class TickCounter
{
    private int _count;
    private int _expected;
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Done => _done.Task;

    public void Expect(int count)
    {
        _count = 0;
        _expected = count;
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public static long[]? Stamps;
    public void Hit()
    {
        if (Stamps is { } st && _count < st.Length) st[_count] = System.Diagnostics.Stopwatch.GetTimestamp();
        if (Interlocked.Increment(ref _count) == _expected)
        {
            _done.TrySetResult();
        }
    }
}

[JsonSerializable(typeof(Tick))]
[JsonSerializable(typeof(Stamped))]
internal sealed partial class TickJson : JsonSerializerContext;
