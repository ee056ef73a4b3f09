// TEMPORARY diagnostic, to be deleted.
using System;
using System.Diagnostics;
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
            services.AddEstuary(e => e.AddModule<KafkaModule>().UseBenchmarkKafka(KafkaBenchmarks.Channel, topic, group, c => c.MaxBuffered = maxBuffered));
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
            var t = Stopwatch.StartNew();
            var run = consumers.RunAsync(KafkaBenchmarks.Channel, new ConsumerLimits { MaxMessages = 5000 });
            while (!run.IsCompleted && t.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.WhenAny(run, Task.Delay(250));
            }
            Console.WriteLine($"{clock.ElapsedMilliseconds} iteration {it}: {t.ElapsedMilliseconds} ms, completed {run.IsCompleted}, counter done {counter.Done.IsCompleted}");
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
