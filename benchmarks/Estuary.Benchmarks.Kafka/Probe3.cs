// TEMPORARY diagnostic, to be deleted.
using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.Benchmarks.Kafka;

public static class Probe3
{
    public static async Task RunAsync(int pauseEvery)
    {
        var topic = "probe3-" + Guid.NewGuid().ToString("N")[..6];
        var services = new ServiceCollection();
        services.AddSingleton<TickCounter>();
        services.AddEstuary(e => e.AddModule<KafkaModule>().UseBenchmarkKafka(KafkaBenchmarks.Channel, topic, "w"));
        await using (var writer = services.BuildServiceProvider())
        {
            var commands = writer.GetRequiredService<ICommandBus>();
            await Task.WhenAll(Enumerable.Range(0, 5001).Select(i => commands.SendAsync(new Tick(i)).AsTask()));
        }

        for (var it = 0; it < 3; it++)
        {
            using var consumer = Twin.CreateConsumer("g" + it);
            consumer.Subscribe(topic);
            var first = 0;
            while (first == 0) { var r = consumer.Consume(100); if (r is { IsPartitionEOF: false }) first = 1; }
            var t = Stopwatch.StartNew();
            var last = Stopwatch.GetTimestamp();
            double maxGap = 0, bigSum = 0; int big = 0, handled = 0, pauses = 0;
            while (handled < 5000)
            {
                var r = consumer.Consume(50);
                if (r is null || r.IsPartitionEOF) continue;
                var gap = Stopwatch.GetElapsedTime(last).TotalMilliseconds; last = Stopwatch.GetTimestamp();
                maxGap = Math.Max(maxGap, gap); if (gap > 1) { big++; bigSum += gap; }
                consumer.StoreOffset(r);
                handled++;
                if (pauseEvery > 0 && handled % pauseEvery == 0)
                {
                    var assigned = consumer.Assignment;
                    consumer.Pause(assigned);
                    consumer.Consume(5);
                    consumer.Resume(assigned);
                    pauses++;
                }
            }
            Console.WriteLine($"iteration {it}: {t.ElapsedMilliseconds} ms, pauses {pauses}, max gap {maxGap:F1} ms, {big} gaps > 1 ms summing {bigSum:F0} ms");
            consumer.Close();
        }
    }
}
