using System;
using System.Diagnostics;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Confluent.Kafka;
using Estuary.Benchmarks.Kafka.OnWolverine;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.Benchmarks.Kafka;

/// <summary>
/// Producing, then consuming, <see cref="Messages"/> ticks: Estuary (its bus sends to a Kafka channel; its
/// consumer runs the handler) and a Confluent.Kafka twin doing the same work by hand (the record Estuary
/// writes, produced with the callback <c>Produce</c>; a consumer that reads the JSON and stores each offset),
/// and Wolverine's Kafka transport (<see cref="WolverinePeer"/>), with the same client settings. Each keeps at
/// most <see cref="Window"/> sends awaiting their acknowledgement; each handles one record at a time except
/// Wolverine's default listener; topics have <see cref="BenchmarkCluster.Partitions"/> partitions.
/// </summary>
[Config(typeof(KafkaBenchmarkConfig))]
public class KafkaBenchmarks
{
    public const string Channel = "ticks";
    /// <summary>
    /// Per iteration. With the five warm-up iterations, each subject handles 300,000 records before the
    /// first measured one: the JIT has then compiled the hot paths at their final tier. With 5,000 per
    /// iteration, the measured iterations ran code the JIT had not finished tiering up, which cost Estuary's
    /// longer path far more than the twin's (0.26-0.35x consuming, against about 0.6x once warm).
    /// </summary>
    public const int Messages = 50_000;

    /// <summary>
    /// Sends awaiting their delivery report. Estuary sets no limit of its own (librdkafka queues up to 100,000);
    /// 1,000 per 5 ms linger would allow 200,000 messages/s, far above what any subject reaches here, so the
    /// clients' work sets the rate, not the window.
    /// </summary>
    public const int Window = 1_000;

    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(100);

    private readonly string _run = Guid.NewGuid().ToString("N")[..6];
    private ServiceProvider? _estuary;
    private IProducer<byte[], byte[]>? _producer;
    private IConsumer<byte[], byte[]>? _consumer;
    private WolverinePeer? _wolverine;
    private int _iteration;
    private int _duplicates;

    private string ProduceTopic => $"bench-produce-{_run}";

    private string ConsumeTopic => $"bench-consume-{_run}";

    private string WolverineProduceTopic => $"bench-wolverine-produce-{_run}";

    private string WolverineConsumeTopic => $"bench-wolverine-consume-{_run}";

    private string Group => $"bench-{_run}-{_iteration}";

    private ICommandBus Commands => _estuary!.GetRequiredService<ICommandBus>();

    // ---------------------------------------------------------------------------------- producing

    [GlobalSetup(Targets = [nameof(Produce_ConfluentKafka), nameof(Produce_ConfluentKafka_EstuaryIds), nameof(Produce_Estuary)])]
    public async Task SetupProducingAsync()
    {
        _estuary = Host(ProduceTopic);
        await Commands.SendAsync(new Tick(-1)); // builds Estuary's producer and connects it
        _producer = Twin.CreateProducer();
        await ProduceTwinAsync(1);
    }

    [GlobalCleanup(Targets = [nameof(Produce_ConfluentKafka), nameof(Produce_ConfluentKafka_EstuaryIds), nameof(Produce_Estuary)])]
    public async Task CleanupProducingAsync()
    {
        await _estuary!.DisposeAsync();
        _producer!.Dispose();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("produce")]
    public Task Produce_ConfluentKafka() => ProduceTwinAsync(Messages);

    /// <summary>
    /// The twin making its message ids as Estuary does (<see cref="Estuary.Channels.MessageIds"/>): what the
    /// producing ratio owes to that alone, since <c>Guid.CreateVersion7</c> costs a system call per id on Linux.
    /// </summary>
    [Benchmark]
    [BenchmarkCategory("produce")]
    public Task Produce_ConfluentKafka_EstuaryIds() => ProduceTwinAsync(Messages, estuaryIds: true);

    [Benchmark]
    [BenchmarkCategory("produce")]
    public Task Produce_Estuary()
    {
        var commands = Commands;
        return WindowedAsync(Messages, i => commands.SendAsync(new Tick(i)).AsTask());
    }

    [GlobalSetup(Target = nameof(Produce_Wolverine))]
    public async Task SetupProducingWolverineAsync()
    {
        BenchmarkCluster.CreateTopic(WolverineProduceTopic);
        _wolverine = await WolverinePeer.StartSenderAsync(WolverineProduceTopic);
        await _wolverine.Bus.PublishAsync(new WolverineTick(-1)); // connects Wolverine's producer
    }

    [GlobalCleanup(Target = nameof(Produce_Wolverine))]
    public async Task CleanupProducingWolverineAsync() => await _wolverine!.DisposeAsync();

    /// <summary>Wolverine's <c>PublishAsync</c> to a Kafka topic, each completing when the brokers acknowledged it.</summary>
    [Benchmark]
    [BenchmarkCategory("produce")]
    public Task Produce_Wolverine()
    {
        var bus = _wolverine!.Bus;
        return WindowedAsync(Messages, i => bus.PublishAsync(new WolverineTick(i)).AsTask());
    }

    // ----------------------------------------------------------------------------------- consuming

    /// <summary>
    /// Estuary writes the records both subjects read, one more than an iteration measures: each iteration's
    /// setup joins a new group and handles the first record, so the group's forming is not measured.
    /// </summary>
    [GlobalSetup(Targets = [nameof(Consume_ConfluentKafka), nameof(Consume_Estuary), nameof(Consume_Estuary_MaxBuffered10k), nameof(Consume_Estuary_NoDeduplication)])]
    public async Task SetupConsumingAsync()
    {
        await using var writer = Host(ConsumeTopic);
        var commands = writer.GetRequiredService<ICommandBus>();
        await WindowedAsync(Messages + 1, i => commands.SendAsync(new Tick(i)).AsTask());
    }

    /// <summary>Wolverine writes its own records (its envelope's headers), <see cref="Messages"/> of them, once.</summary>
    [GlobalSetup(Targets = [nameof(Consume_Wolverine), nameof(Consume_Wolverine_Inline)])]
    public async Task SetupConsumingWolverineAsync()
    {
        BenchmarkCluster.CreateTopic(WolverineConsumeTopic);
        await using var writer = await WolverinePeer.StartSenderAsync(WolverineConsumeTopic);
        await WindowedAsync(Messages, i => writer.Bus.PublishAsync(new WolverineTick(i)).AsTask());
    }

    /// <summary>
    /// Each iteration a new host in a new group, whose listener is assigned the partitions and then waits, inside
    /// the assignment, for the measured part to release it. Wolverine's listener cannot stop after one record
    /// as the other consumers do, so the measured part also includes its committed-offset lookup and first fetch.
    /// </summary>
    [IterationSetup(Target = nameof(Consume_Wolverine))]
    public void JoinWolverine() => JoinWolverineGroup(inline: false);

    [IterationSetup(Target = nameof(Consume_Wolverine_Inline))]
    public void JoinWolverineInline() => JoinWolverineGroup(inline: true);

    [IterationCleanup(Targets = [nameof(Consume_Wolverine), nameof(Consume_Wolverine_Inline)])]
    public void LeaveWolverine()
    {
        _wolverine!.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _wolverine = null;
    }

    /// <summary>Wolverine's default Kafka listener (records buffered in memory, several handled at once), until its handler counted them all.</summary>
    [Benchmark]
    [BenchmarkCategory("consume")]
    public Task Consume_Wolverine() => ConsumeWolverineAsync();

    /// <summary>Wolverine's Kafka listener with <c>ProcessInline()</c>: one record at a time, as the twin and Estuary's default.</summary>
    [Benchmark]
    [BenchmarkCategory("consume")]
    public Task Consume_Wolverine_Inline() => ConsumeWolverineAsync();

    /// <summary>Printed in the benchmark's log: how often the pauses of Estuary's consumer made it read a record twice.</summary>
    [GlobalCleanup(Targets = [nameof(Consume_Estuary), nameof(Consume_Estuary_MaxBuffered10k), nameof(Consume_Estuary_NoDeduplication)])]
    public void ReportDuplicates() =>
        Console.WriteLine($"// Estuary's consumer received {_duplicates} records a second time (skipped as duplicates) in {_iteration} iterations.");

    [IterationSetup(Target = nameof(Consume_ConfluentKafka))]
    public void JoinTwin()
    {
        _iteration++;
        _consumer = Twin.CreateConsumer(Group);
        _consumer.Subscribe(ConsumeTopic);
        ConsumeTwin(1);
    }

    [IterationCleanup(Target = nameof(Consume_ConfluentKafka))]
    public void LeaveTwin()
    {
        _consumer!.Close();
        _consumer.Dispose();
        _consumer = null;
    }

    [IterationSetup(Target = nameof(Consume_Estuary))]
    public void JoinEstuary() => JoinEstuaryGroup(maxBuffered: null);

    [IterationSetup(Target = nameof(Consume_Estuary_MaxBuffered10k))]
    public void JoinEstuaryMaxBuffered10k() => JoinEstuaryGroup(maxBuffered: 10_000);

    [IterationSetup(Target = nameof(Consume_Estuary_NoDeduplication))]
    public void JoinEstuaryNoDeduplication() => JoinEstuaryGroup(maxBuffered: null, deduplicate: false);

    [IterationCleanup(Targets = [nameof(Consume_Estuary), nameof(Consume_Estuary_MaxBuffered10k), nameof(Consume_Estuary_NoDeduplication)])]
    public void LeaveEstuary()
    {
        _estuary!.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _estuary = null;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("consume")]
    public void Consume_ConfluentKafka() => ConsumeTwin(Messages);

    [Benchmark]
    [BenchmarkCategory("consume")]
    public Task Consume_Estuary() => ConsumeEstuaryAsync(Messages);

    /// <summary>
    /// Estuary with room for every record in its buffer (by default its polling stops at 500 waiting records
    /// until handlers take some); not a default, shown for what the buffer's size changes.
    /// </summary>
    [Benchmark]
    [BenchmarkCategory("consume")]
    public Task Consume_Estuary_MaxBuffered10k() => ConsumeEstuaryAsync(Messages);

    /// <summary>
    /// Estuary without its deduplication (<c>ConsumerSettings.Deduplicate = false</c>), which the twin does not
    /// do either; not a default (a record read again after a crash would be handled again), shown for its cost.
    /// </summary>
    [Benchmark]
    [BenchmarkCategory("consume")]
    public Task Consume_Estuary_NoDeduplication() => ConsumeEstuaryAsync(Messages);

    // ------------------------------------------------------------------------------------- helpers

    /// <summary>A host whose channel <see cref="Channel"/> is <paramref name="topic"/>, consumed by this iteration's group.</summary>
    private ServiceProvider Host(string topic, int? maxBuffered = null, bool deduplicate = true)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TickCounter>();
        services.AddEstuary(estuary => estuary.AddModule<KafkaModule>().UseBenchmarkKafka(Channel, topic, Group, channel =>
        {
            channel.MaxBuffered = maxBuffered;
            channel.Consumer.Deduplicate = deduplicate;
        }));
        return services.BuildServiceProvider();
    }

    private void JoinEstuaryGroup(int? maxBuffered, bool deduplicate = true)
    {
        _iteration++;
        _estuary = Host(ConsumeTopic, maxBuffered, deduplicate);
        ConsumeEstuaryAsync(1).GetAwaiter().GetResult();
    }

    private void JoinWolverineGroup(bool inline)
    {
        _iteration++;
        _wolverine = WolverinePeer.StartListenerAsync(WolverineConsumeTopic, new ListenerMode(Group, inline)).GetAwaiter().GetResult();
    }

    private Task ConsumeWolverineAsync()
    {
        var counter = _wolverine!.Counter;
        counter.Expect(Messages);
        _wolverine.Release();
        return counter.Reached.WaitAsync(s_timeout);
    }

    /// <summary>Produces <paramref name="count"/> twin records, at most <see cref="Window"/> awaiting their report, and waits for every report.</summary>
    private async Task ProduceTwinAsync(int count, bool estuaryIds = false)
    {
        var producer = _producer!;
        using var window = new SemaphoreSlim(Window);
        var reported = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var remaining = count;
        for (var i = 0; i < count; i++)
        {
            await window.WaitAsync();
            producer.Produce(ProduceTopic, Twin.Record(i, estuaryIds), report =>
            {
                window.Release();
                if (report.Error.IsError)
                {
                    reported.TrySetException(new KafkaException(report.Error));
                }
                else if (Interlocked.Decrement(ref remaining) == 0)
                {
                    reported.TrySetResult();
                }
            });
        }

        await reported.Task.WaitAsync(s_timeout);
    }

    /// <summary>Handles <paramref name="count"/> records, one at a time (JSON read, offset stored), then commits, as Estuary's run does.</summary>
    private void ConsumeTwin(int count)
    {
        var consumer = _consumer!;
        var started = Stopwatch.GetTimestamp();
        for (var handled = 0; handled < count;)
        {
            if (Stopwatch.GetElapsedTime(started) > s_timeout)
            {
                throw new TimeoutException($"The twin consumer handled {handled} of {count} records in {s_timeout}.");
            }

            if (consumer.Consume(s_poll) is not { IsPartitionEOF: false } record)
            {
                continue;
            }

            _ = JsonSerializer.Deserialize(record.Message.Value, TickJson.Default.Tick);
            consumer.StoreOffset(record);
            handled++;
        }

        try
        {
            consumer.Commit();
        }
        catch (KafkaException exception) when (exception.Error.Code == ErrorCode.Local_NoOffset)
        {
            // The background commit took the stored offsets already.
        }
    }

    /// <summary>
    /// Runs Estuary's consumer until its handler counted <paramref name="count"/> records. A run stops after
    /// the records it was told to receive, and its stored offsets are committed; a record received a second
    /// time (after its partition was paused and resumed) is skipped as a duplicate, so another run takes the rest.
    /// </summary>
    private async Task ConsumeEstuaryAsync(int count)
    {
        var host = _estuary!;
        var counter = host.GetRequiredService<TickCounter>();
        var consumers = host.GetRequiredService<EstuaryConsumers>();
        counter.Expect(count);
        while (counter.Remaining > 0)
        {
            var run = await consumers.RunAsync(Channel, new ConsumerLimits { MaxMessages = counter.Remaining }).WaitAsync(s_timeout);
            _duplicates += run[DeliveryOutcome.Duplicate];
        }
    }

    /// <summary>Starts every send, at most <see cref="Window"/> at once, and waits for them all.</summary>
    private static async Task WindowedAsync(int count, Func<int, Task> send)
    {
        using var window = new SemaphoreSlim(Window);
        var sends = new Task[count];
        for (var i = 0; i < count; i++)
        {
            await window.WaitAsync();
            sends[i] = Release(send(i), window);
        }

        await Task.WhenAll(sends).WaitAsync(s_timeout);

        static async Task Release(Task sent, SemaphoreSlim window)
        {
            try
            {
                await sent;
            }
            finally
            {
                window.Release();
            }
        }
    }
}
