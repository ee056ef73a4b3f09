using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Benchmarks.Shared;

/// <summary>
/// What the end-to-end runners of the transport suites share: their options, the rounds they print, the
/// senders that share the round's messages, and the summary of a round (messages per second, p50, p99).
/// </summary>
public static class EndToEnd
{
    /// <summary>The integer after <paramref name="name"/> in <paramref name="args"/>, or <paramref name="fallback"/>.</summary>
    public static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>Runs <paramref name="rounds"/> rounds one after the other, printing a line per round.</summary>
    public static async Task PrintRoundsAsync(int rounds, Func<Task<(double Rate, double P50, double P99)>> round)
    {
        Console.WriteLine("round | msg/s | p50 ms | p99 ms");
        for (var i = 1; i <= rounds; i++)
        {
            var (rate, p50, p99) = await round();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i} | {rate:N0} | {p50:F1} | {p99:F1}"));
        }
    }

    /// <summary>Sends messages 0 to <paramref name="messages"/> - 1 from <paramref name="senders"/> concurrent senders, each taking the next number.</summary>
    public static Task SendAllAsync(int messages, int senders, Func<int, Task> send)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < messages; i = Interlocked.Increment(ref next))
            {
                await send(i);
            }
        })));
    }

    /// <summary>A round's rate (messages over its elapsed time) and the p50 and p99 of its latencies.</summary>
    public static (double Rate, double P50, double P99) Summary(int messages, TimeSpan elapsed, double[] milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        return (messages / elapsed.TotalSeconds, sorted[sorted.Length / 2], sorted[(int)(sorted.Length * 0.99)]);
    }
}

/// <summary>
/// The latencies of one round; complete when every measured message was handled. A negative sequence is the
/// round's first, unmeasured message: it shows the consumer is running (for Kafka, that its group formed).
/// </summary>
public sealed class LatencyCollector(int expected)
{
    private readonly ConcurrentBag<double> _milliseconds = [];
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The round's first, unmeasured message was handled.</summary>
    public Task FirstHandled => _first.Task;

    public Task AllHandled => _all.Task;

    public double[] Milliseconds => [.. _milliseconds];

    /// <summary>Records the latency of message <paramref name="sequence"/>, whose send started at <paramref name="sentAt"/> (a Stopwatch timestamp).</summary>
    public void Add(int sequence, long sentAt)
    {
        if (sequence < 0)
        {
            _first.TrySetResult();
            return;
        }

        _milliseconds.Add(Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds);
        if (_milliseconds.Count == expected)
        {
            _all.TrySetResult();
        }
    }
}
