// TEMPORARY diagnostic, to be deleted.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.Benchmarks.Kafka;

public static class Probe2
{
    const int N = 5000;
    public static async Task RunAsync(int rounds)
    {
        var topic = "probe2-" + Guid.NewGuid().ToString("N")[..6];
        var services = new ServiceCollection();
        services.AddSingleton<TickCounter>();
        services.AddEstuary(e => e.AddModule<KafkaModule>().UseBenchmarkKafka(KafkaBenchmarks.Channel, topic, "g"));
        await using var kafkaHost = services.BuildServiceProvider();
        var kafkaBus = kafkaHost.GetRequiredService<ICommandBus>();
        await kafkaBus.SendAsync(new Tick(-1));

        var mem = new ServiceCollection();
        mem.AddSingleton<TickCounter>();
        mem.AddEstuary(e => e.AddModule<KafkaModule>().AddInMemoryChannel(KafkaBenchmarks.Channel));
        await using var memHost = mem.BuildServiceProvider();
        var memBus = memHost.GetRequiredService<ICommandBus>();

        using var producer = Twin.CreateProducer();
        var results = new Dictionary<string, List<double>>();
        void Add(string k, double ms) { if (!results.TryGetValue(k, out var l)) results[k] = l = []; l.Add(ms); }

        for (var r = 0; r < rounds; r++)
        {
            var t = Stopwatch.StartNew();
            await TwinCallback(producer, topic);
            Add("produce twin callback", t.Elapsed.TotalMilliseconds);

            t.Restart();
            await Windowed(i => TwinTcs(producer, topic, i));
            Add("produce twin TCS per record (ProduceAsync mechanism) + windowed", t.Elapsed.TotalMilliseconds);

            t.Restart();
            await Windowed(i => kafkaBus.SendAsync(new Tick(i)).AsTask());
            Add("produce Estuary kafka", t.Elapsed.TotalMilliseconds);

            t.Restart();
            await Windowed(i => memBus.SendAsync(new Tick(i)).AsTask());
            Add("send Estuary in-memory (bus only)", t.Elapsed.TotalMilliseconds);

            var counter = memHost.GetRequiredService<TickCounter>();
            counter.Expect(N);
            t.Restart();
            await memHost.GetRequiredService<EstuaryConsumers>().RunAsync(KafkaBenchmarks.Channel, new ConsumerLimits { MaxMessages = N });
            Add("consume Estuary in-memory (processor only)", t.Elapsed.TotalMilliseconds);
        }

        foreach (var (k, l) in results)
        {
            var s = l.Order().ToArray();
            Console.WriteLine($"{k}: median {s[s.Length / 2]:F1} ms  ({N / s[s.Length / 2] * 1000:N0} msg/s)  all: {string.Join(" ", l.Select(x => x.ToString("F0")))}");
        }
    }

    static Task TwinTcs(IProducer<byte[], byte[]> producer, string topic, int i)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        producer.Produce(topic, Twin.Record(i), r => { if (r.Error.IsError) tcs.TrySetException(new KafkaException(r.Error)); else tcs.TrySetResult(); });
        return tcs.Task;
    }

    static async Task TwinCallback(IProducer<byte[], byte[]> producer, string topic)
    {
        using var window = new SemaphoreSlim(KafkaBenchmarks.Window);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var remaining = N;
        for (var i = 0; i < N; i++)
        {
            await window.WaitAsync();
            producer.Produce(topic, Twin.Record(i), r => { window.Release(); if (Interlocked.Decrement(ref remaining) == 0) done.TrySetResult(); });
        }
        await done.Task;
    }

    static async Task Windowed(Func<int, Task> send)
    {
        using var window = new SemaphoreSlim(KafkaBenchmarks.Window);
        var sends = new Task[N];
        for (var i = 0; i < N; i++)
        {
            await window.WaitAsync();
            sends[i] = Release(send(i), window);
        }
        await Task.WhenAll(sends);
        static async Task Release(Task sent, SemaphoreSlim window) { try { await sent; } finally { window.Release(); } }
    }
}
