using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Tests.Shared;

namespace Estuary.Benchmarks.EventStore;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/Estuary.Benchmarks -- eventstore [--appends 2000] [--warmup 200] [--rounds 3] [--expecting 200]</c>:
/// what BenchmarkDotNet's whole-operation timings do not show.
/// <list type="number">
/// <item>Round trips per append, counted on the wire by <see cref="RoundTripProxy"/>, and Npgsql
/// commands per append (activities of Npgsql's <c>ActivitySource</c>), for an append to a new stream
/// and for <c>expecting</c> appends to one stream, each with its expected version.</item>
/// <item>Latency of each append (p50, p99) and events per second with 1 and 8 concurrent writers,
/// each appending to new streams back to back (closed loop). Subjects run one after the other,
/// interleaved, <c>rounds</c> times: <c>warmup</c> appends, then <c>appends</c> timed ones.</item>
/// </list>
/// </summary>
public static class EventStoreRunner
{
    private static readonly int[] s_writers = [1, 8];

    public static async Task<int> RunAsync(string[] args)
    {
        var appends = Option(args, "--appends", 2000);
        var warmup = Option(args, "--warmup", 200);
        var rounds = Option(args, "--rounds", 3);
        var expecting = Option(args, "--expecting", 200);

        await CountRoundTripsAsync(expecting);
        await MeasureLatencyAsync(appends, warmup, rounds);
        return 0;
    }

    private static async Task CountRoundTripsAsync(int appends)
    {
        Console.WriteLine($"Round trips per append (on the wire) and Npgsql commands per append; {appends} appends expecting a version, to one stream.");
        Console.WriteLine("| Subject | new stream: round trips | new stream: commands | expected version: round trips | expected version: commands |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var name in EventStoreDatabase.Subjects)
        {
            await using var proxy = RoundTripProxy.Start(EventStoreDatabase.ConnectionString);
            await using var subject = await EventStoreDatabase.StartAsync(name, proxy.ConnectionString);
            using var commands = new NpgsqlCommandCounter();

            // Warm: open a connection, compile, create what is created on first use.
            var warm = Guid.CreateVersion7();
            await subject.AppendToNewStreamAsync(warm, 0);
            for (var v = 1; v <= 10; v++)
            {
                await subject.AppendExpectingAsync(warm, v, v);
            }

            const int NewStreams = 50;
            var fresh = Enumerable.Range(0, NewStreams).Select(_ => Guid.CreateVersion7()).ToArray();
            proxy.Reset();
            commands.Reset();
            foreach (var cart in fresh)
            {
                await subject.AppendToNewStreamAsync(cart, 1);
            }

            var (newTrips, newCommands) = (proxy.RoundTrips / (double)NewStreams, commands.Count / (double)NewStreams);

            var stream = Guid.CreateVersion7();
            await subject.AppendToNewStreamAsync(stream, 0);
            proxy.Reset();
            commands.Reset();
            for (var version = 1; version <= appends; version++)
            {
                await subject.AppendExpectingAsync(stream, version, version);
            }

            var (trips, counted) = (proxy.RoundTrips / (double)appends, commands.Count / (double)appends);
            await EventStoreDatabase.ExpectVersionAsync(subject, stream, appends + 1);
            await ExpectConflictAsync(subject, stream, appends);
            Console.WriteLine($"| {name} | {F(newTrips)} | {F(newCommands)} | {F(trips)} | {F(counted)} |");
        }

        Console.WriteLine();
    }

    // The expected version must be checked, not only passed along: a stale one has to fail.
    private static async Task ExpectConflictAsync(IEventStoreSubject subject, Guid stream, long staleVersion)
    {
        try
        {
            await subject.AppendExpectingAsync(stream, staleVersion, 0);
        }
        catch (Exception error)
        {
            Console.Error.WriteLine($"  {subject.Name}: a stale expected version fails with {error.GetType().Name}, as it must.");
            return;
        }

        throw new InvalidOperationException($"{subject.Name} appended with a stale expected version ({staleVersion}): the expected version is not checked, so the round-trip count would not be comparable.");
    }

    private static async Task MeasureLatencyAsync(int appends, int warmup, int rounds)
    {
        Console.WriteLine($"Append latency, new stream per append, closed loop: {warmup} warm-up + {appends} timed appends per configuration, {rounds} rounds.");
        var subjects = new List<IEventStoreSubject>();
        foreach (var name in EventStoreDatabase.Subjects)
        {
            var subject = await EventStoreDatabase.StartAsync(name, EventStoreDatabase.ConnectionString);
            await subject.ResetAsync();
            subjects.Add(subject);
        }

        var results = new List<(string Subject, int Writers, Result Result)>();
        try
        {
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var writers in s_writers)
                {
                    foreach (var subject in subjects)
                    {
                        await AppendClosedLoopAsync(subject, writers, warmup);
                        var result = await AppendClosedLoopAsync(subject, writers, appends);
                        results.Add((subject.Name, writers, result));
                        Console.WriteLine($"  round {round}, {subject.Name,-17} {writers} writer(s): {result}");
                    }
                }
            }
        }
        finally
        {
            foreach (var subject in subjects)
            {
                await subject.DisposeAsync();
            }
        }

        Console.WriteLine();
        Console.WriteLine("Median over rounds (min-max):");
        Console.WriteLine("| Subject | Writers | Events/s | p50 ms | p90 ms | p99 ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var writers in s_writers)
        {
            foreach (var name in EventStoreDatabase.Subjects)
            {
                var runs = results.Where(r => r.Subject == name && r.Writers == writers).Select(r => r.Result).ToArray();
                Console.WriteLine(
                    $"| {name} | {writers} | {Summarise(runs, r => r.PerSecond, "N0")} | {Summarise(runs, r => r.P50, "0.000")} | {Summarise(runs, r => r.P90, "0.000")} | {Summarise(runs, r => r.P99, "0.000")} |");
            }
        }

        Console.WriteLine();
        Console.WriteLine("Ratios per round, Estuary / Marten (events/s; latency: Marten / Estuary):");
        foreach (var writers in s_writers)
        {
            foreach (var estuary in new[] { "EstuaryStore", "EstuaryRepository" })
            {
                foreach (var marten in new[] { "MartenQuick", "MartenQuickPrepared" })
                {
                    var mine = results.Where(r => r.Subject == estuary && r.Writers == writers).Select(r => r.Result).ToArray();
                    var theirs = results.Where(r => r.Subject == marten && r.Writers == writers).Select(r => r.Result).ToArray();
                    var rate = mine.Zip(theirs, (a, b) => a.PerSecond / b.PerSecond).ToArray();
                    var p50 = mine.Zip(theirs, (a, b) => b.P50 / a.P50).ToArray();
                    var p99 = mine.Zip(theirs, (a, b) => b.P99 / a.P99).ToArray();
                    Console.WriteLine(
                        $"  {estuary,-17} / {marten,-19} {writers} writer(s): events/s {Join(rate)} (median {Median(rate):0.00}); p50 {Join(p50)} (median {Median(p50):0.00}); p99 {Join(p99)} (median {Median(p99):0.00})");
                }
            }
        }
    }

    private static async Task<Result> AppendClosedLoopAsync(IEventStoreSubject subject, int writers, int appends)
    {
        var carts = Enumerable.Range(0, appends).Select(_ => Guid.CreateVersion7()).ToArray();
        var latencies = new double[appends];
        var start = Stopwatch.GetTimestamp();
        var tasks = new Task[writers];
        for (var w = 0; w < writers; w++)
        {
            var writer = w;
            tasks[w] = Task.Run(async () =>
            {
                for (var i = writer; i < appends; i += writers)
                {
                    var began = Stopwatch.GetTimestamp();
                    await subject.AppendToNewStreamAsync(carts[i], i);
                    latencies[i] = Stopwatch.GetElapsedTime(began).TotalMilliseconds;
                }
            });
        }

        await Task.WhenAll(tasks);
        var elapsed = Stopwatch.GetElapsedTime(start);
        await EventStoreDatabase.ExpectVersionAsync(subject, carts[0], 1);
        await EventStoreDatabase.ExpectVersionAsync(subject, carts[^1], 1);
        Array.Sort(latencies);
        return new Result(appends / elapsed.TotalSeconds, At(latencies, 0.50), At(latencies, 0.90), At(latencies, 0.99));
    }

    // Nearest rank.
    private static double At(double[] sorted, double quantile) => sorted[Math.Max(0, (int)Math.Ceiling(quantile * sorted.Length) - 1)];

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Summarise(Result[] runs, Func<Result, double> pick, string format)
    {
        var values = runs.Select(pick).Order().ToArray();
        var median = Median(values);
        return values.Length == 1
            ? median.ToString(format, CultureInfo.InvariantCulture)
            : $"{median.ToString(format, CultureInfo.InvariantCulture)} ({values[0].ToString(format, CultureInfo.InvariantCulture)}-{values[^1].ToString(format, CultureInfo.InvariantCulture)})";
    }

    private static string Join(double[] values) => string.Join(", ", values.Select(v => v.ToString("0.00", CultureInfo.InvariantCulture)));

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

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

    private readonly record struct Result(double PerSecond, double P50, double P90, double P99)
    {
        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture, $"{PerSecond,8:N0} events/s, p50 {P50:0.000} ms, p90 {P90:0.000} ms, p99 {P99:0.000} ms");
    }

    /// <summary>Counts the activities Npgsql starts: one per command or batch executed.</summary>
    private sealed class NpgsqlCommandCounter : IDisposable
    {
        private readonly ActivityListener _listener;
        private long _count;

        public NpgsqlCommandCounter()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = static source => source.Name == "Npgsql",
                Sample = static (ref _) => ActivitySamplingResult.AllData,
                ActivityStopped = _ => Interlocked.Increment(ref _count),
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public long Count => Interlocked.Read(ref _count);

        public void Reset()
        {
            Interlocked.Exchange(ref _count, 0);
        }

        public void Dispose() => _listener.Dispose();
    }
}
