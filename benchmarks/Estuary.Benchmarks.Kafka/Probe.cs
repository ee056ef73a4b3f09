// TEMPORARY diagnostic, to be deleted.
using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Estuary.Benchmarks.Kafka;

public static class Probe
{
    public static async Task RunAsync(int iterations, int? maxBuffered = null)
    {
        var topic = "probe-" + Guid.NewGuid().ToString("N")[..6];
        var clock = Stopwatch.StartNew();
        ServiceProvider Host(string group)
        {
            var services = new ServiceCollection();
            services.AddSingleton<TickCounter>();
            services.AddSingleton<ILoggerFactory>(new ProbeLoggers(clock));
            services.AddEstuary(e => e.AddModule<KafkaModule>().UseBenchmarkKafka(KafkaBenchmarks.Channel, topic, group, c => { c.MaxBuffered = maxBuffered; if (Environment.GetEnvironmentVariable("PROBE_POLL") is { } pi) c.Consumer.PollInterval = TimeSpan.FromMilliseconds(int.Parse(pi)); }));
            return services.BuildServiceProvider();
        }

        await using (var writer = Host("w"))
        {
            var commands = writer.GetRequiredService<ICommandBus>();
            var sends = new Task[5001];
            for (var i = 0; i < sends.Length; i++) sends[i] = commands.SendAsync(new Tick(i)).AsTask();
            await Task.WhenAll(sends);
        }
        Console.WriteLine($"{clock.ElapsedMilliseconds} filled");
        for (var it = 0; it < iterations; it++)
        {
            await using var host = Host("g" + it);
            var counter = host.GetRequiredService<TickCounter>();
            var consumers = host.GetRequiredService<EstuaryConsumers>();
            counter.Expect(1);
            await consumers.RunAsync(KafkaBenchmarks.Channel, new ConsumerLimits { MaxMessages = 1 });
            Console.WriteLine($"{clock.ElapsedMilliseconds} joined");
            counter.Expect(5000);
            TickCounter.Stamps = new long[5000];
            var t = Stopwatch.StartNew();
            var t0 = Stopwatch.GetTimestamp();
            var run = consumers.RunAsync(KafkaBenchmarks.Channel, new ConsumerLimits { MaxMessages = 5000 });
            while (!run.IsCompleted && t.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.WhenAny(run, Task.Delay(250));
            }
            var st = TickCounter.Stamps; TickCounter.Stamps = null;
            var gaps = new double[st.Length];
            for (var k = 0; k < st.Length; k++) gaps[k] = Stopwatch.GetElapsedTime(k == 0 ? t0 : st[k - 1], st[k]).TotalMilliseconds;
            var sorted = gaps.Order().ToArray();
            Console.WriteLine($"  first record after {gaps[0]:F1} ms; gap p50 {sorted[2500]*1000:F0} us p90 {sorted[4500]*1000:F0} us p99 {sorted[4950]*1000:F0} us max {sorted[^1]:F1} ms; sum of gaps > 1 ms: {gaps.Where(g => g > 1).Sum():F0} ms in {gaps.Count(g => g > 1)}; sum of gaps <= 1ms: {gaps.Where(g => g <= 1).Sum():F0} ms");
            Console.WriteLine($"{clock.ElapsedMilliseconds} iteration {it}: {t.ElapsedMilliseconds} ms, {(run.IsCompleted ? run.Result.ToString() : "-")}, completed {run.IsCompleted}, counter done {counter.Done.IsCompleted}");
        }
    }

    private sealed class ProbeLoggers(Stopwatch clock) : ILoggerFactory, ILogger
    {
        public void AddProvider(ILoggerProvider provider) { }
        public ILogger CreateLogger(string categoryName) => this;
        public void Dispose() { }
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => Console.WriteLine($"{clock.ElapsedMilliseconds} [{logLevel}] {formatter(state, exception)} {exception?.Message}");
    }
}
