using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;

namespace Estuary.Benchmarks.Channels;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/Estuary.Benchmarks -- latency [--rate 100] [--messages 2000] [--warmup 300] [--rounds 3]</c>:
/// per-message latency on a PostgreSQL queue, from the commit of the send transaction to the commit of
/// the handler's transaction, at a steady send rate well below either library's capacity.
/// BenchmarkDotNet times whole operations; percentiles of the messages inside them need this runner.
/// </summary>
/// <remarks>
/// One sender sends message i at start + i / rate (or as soon as it can, when a send runs late),
/// each in a transaction of its own, and records when that transaction had committed. The handler's
/// effect row announces itself at commit (<see cref="ChannelDatabase"/>), and <see cref="EffectListener"/>
/// records when the announcement arrives. Latency = arrival - send commit, both on this process's
/// Stopwatch. Every configuration (library x consumers) runs in a fresh host, first <c>warmup</c>
/// messages at the same rate (not recorded), then <c>messages</c> recorded ones; configurations run
/// one after the other, interleaved (Estuary 1, Wolverine 1, Estuary 4, Wolverine 4) and repeated
/// <c>rounds</c> times, so slow drift of the machine hits both libraries alike.
/// </remarks>
public static class LatencyRunner
{
    private static readonly int[] s_consumers = [1, 4];

    public static async Task<int> RunAsync(string[] args)
    {
        var rate = Option(args, "--rate", 100);
        var messages = Option(args, "--messages", 2000);
        var warmup = Option(args, "--warmup", 300);
        var rounds = Option(args, "--rounds", 3);
        Console.WriteLine($"Latency, send commit -> handler commit: {rate} messages/s, {warmup} warm-up + {messages} measured messages per configuration, {rounds} rounds.");

        var subjects = new (string Library, Func<int, Task<IChannelSubject>> Start)[]
        {
            ("Estuary", async consumers => await EstuaryChannelSubject.StartAsync(consumers)),
            ("Wolverine", async consumers => await WolverineChannelSubject.StartAsync(consumers)),
        };

        var results = new List<(string Library, int Consumers, int Round, Percentiles Latency)>();
        await using var admin = NpgsqlDataSource.Create(ChannelDatabase.ConnectionString);
        await using var listener = await EffectListener.StartAsync(ChannelDatabase.ConnectionString);
        long next = 1;
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var consumers in s_consumers)
            {
                foreach (var (library, start) in subjects)
                {
                    await using var subject = await start(consumers);
                    await SendAtRateAsync(subject, listener, admin, next, warmup, rate);
                    next += warmup;
                    var latencies = await SendAtRateAsync(subject, listener, admin, next, messages, rate);
                    next += messages;
                    var percentiles = Percentiles.Of(latencies);
                    results.Add((library, consumers, round, percentiles));
                    Console.WriteLine($"  round {round}, {library,-9} {consumers} consumer(s): {percentiles}");
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("Median over rounds (min-max), milliseconds:");
        Console.WriteLine("| Library | Consumers | p50 | p90 | p99 | max |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var consumers in s_consumers)
        {
            foreach (var (library, _) in subjects)
            {
                var runs = results.Where(r => r.Library == library && r.Consumers == consumers).Select(r => r.Latency).ToArray();
                Console.WriteLine(
                    $"| {library} | {consumers} | {Summarise(runs, p => p.P50)} | {Summarise(runs, p => p.P90)} | {Summarise(runs, p => p.P99)} | {Summarise(runs, p => p.Max)} |");
            }
        }

        return 0;
    }

    /// <summary>Sends <paramref name="count"/> messages at <paramref name="rate"/> per second and returns each one's latency in milliseconds.</summary>
    private static async Task<double[]> SendAtRateAsync(IChannelSubject subject, EffectListener listener, NpgsqlDataSource admin, long first, int count, int rate)
    {
        listener.Expect(first, count);
        var sentAt = new long[count];
        var interval = Stopwatch.Frequency / (double)rate;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * interval);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            sentAt[i] = await subject.SendAsync(first + i);
        }

        await PostgresChannelBenchmarks.WaitForEffectsAsync(listener, first, count, TimeSpan.FromMinutes(2));
        if (listener.Duplicates != 0)
        {
            throw new InvalidOperationException($"{subject.Library}: {listener.Duplicates} messages committed their effect twice.");
        }

        await ChannelDatabase.ExpectEffectsAsync(admin, subject.EffectTable, first, count);
        await subject.VerifyAndResetAsync(count);

        var latencies = new double[count];
        for (var i = 0; i < count; i++)
        {
            latencies[i] = Stopwatch.GetElapsedTime(sentAt[i], listener.CommittedAt(first + i)).TotalMilliseconds;
        }

        return latencies;
    }

    private static string Summarise(Percentiles[] runs, Func<Percentiles, double> pick)
    {
        var values = runs.Select(pick).Order().ToArray();
        var median = values.Length % 2 == 1 ? values[values.Length / 2] : (values[values.Length / 2 - 1] + values[values.Length / 2]) / 2;
        return values.Length == 1
            ? F(median)
            : $"{F(median)} ({F(values[0])}-{F(values[^1])})";
    }

    private static string F(double milliseconds) => milliseconds.ToString(milliseconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        if (index < 0)
        {
            return fallback;
        }

        if (index + 1 >= args.Length || !int.TryParse(args[index + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw new ArgumentException($"{name} takes a positive whole number, e.g. {name} {fallback}.");
        }

        return value;
    }

    internal readonly record struct Percentiles(double P50, double P90, double P99, double Max, double Mean)
    {
        public static Percentiles Of(double[] latencies)
        {
            var sorted = latencies.Order().ToArray();
            return new Percentiles(At(sorted, 0.50), At(sorted, 0.90), At(sorted, 0.99), sorted[^1], sorted.Average());
        }

        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"p50 {F(P50)} ms, p90 {F(P90)} ms, p99 {F(P99)} ms, max {F(Max)} ms, mean {F(Mean)} ms");

        // Nearest rank.
        private static double At(double[] sorted, double quantile) => sorted[Math.Max(0, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
    }
}
