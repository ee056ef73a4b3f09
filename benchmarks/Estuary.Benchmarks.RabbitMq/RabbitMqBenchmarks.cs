using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Estuary.RabbitMQ;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace Estuary.Benchmarks.RabbitMq;

/// <summary>
/// Publishing with confirms, then consuming with manual acknowledgement, of <see cref="Messages"/> ticks:
/// Estuary (its bus sends to a RabbitMQ channel; its consumer runs the handler), a RabbitMQ.Client twin
/// doing the same work by hand (JSON, the same properties and headers, confirms tracked, acknowledgement per
/// message), and MassTransit. The same broker, queue kind (classic, durable, persistent messages), window of
/// <see cref="Window"/> outstanding confirms, <see cref="PublishChannels"/> publishing channels where the
/// library lets one choose, prefetch of <see cref="Prefetch"/> and one handler at a time.
/// </summary>
[Config(typeof(RabbitMqBenchmarkConfig))]
public class RabbitMqBenchmarks
{
    public const string Channel = "bench";
    public const int Messages = 5_000;
    public const int Window = 256;
    public const int PublishChannels = 4;
    public const ushort Prefetch = 100;

    private readonly string _run = Guid.NewGuid().ToString("N")[..6];
    private readonly List<string> _queues = [];
    private IConnection _connection = null!;
    private IChannel _admin = null!;
    private IChannel[] _publishers = null!;
    private ServiceProvider _estuary = null!;
    private ICommandBus _commands = null!;
    private EstuaryConsumers _consumers = null!;
    private TickCounter _counter = null!;
    private IBusControl _massTransit = null!;
    private int _iteration;

    private string EstuaryQueue => $"bench-estuary-{_run}";

    private string RawQueue => $"bench-raw-{_run}";

    private string MassTransitQueue => $"bench-mt-{_run}-{_iteration}";

    private static Uri Broker => new(Environment.GetEnvironmentVariable("ESTUARY_RABBITMQ") ?? "amqp://guest:guest@127.0.0.1:5672/");

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _connection = await new ConnectionFactory { Uri = Broker }.CreateConnectionAsync();
        _admin = await _connection.CreateChannelAsync();
        _publishers = new IChannel[PublishChannels];
        for (var i = 0; i < PublishChannels; i++)
        {
            _publishers[i] = await _connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true, outstandingPublisherConfirmationsRateLimiter: null));
        }

        await DeclareAsync(RawQueue);

        var services = new ServiceCollection();
        services.AddSingleton<TickCounter>();
        services.AddEstuary(estuary => estuary
            .AddModule<RabbitMqModule>()
            .AddInMemoryChannel(StampedHandler.Channel) // the end-to-end runner's handler; unused here
            .UseRabbitMq(Broker.ToString(), rabbit =>
            {
                rabbit.Options.PublishChannels = PublishChannels;
                rabbit.Options.OutstandingConfirms = Window;
                rabbit.AddChannel(Channel, channel =>
                {
                    channel.Queue = EstuaryQueue;
                    channel.Prefetch = Prefetch;
                });
            }));
        _estuary = services.BuildServiceProvider();
        _queues.Add(EstuaryQueue);
        _commands = _estuary.GetRequiredService<ICommandBus>();
        _consumers = _estuary.GetRequiredService<EstuaryConsumers>();
        _counter = _estuary.GetRequiredService<TickCounter>();
        await _commands.SendAsync(new Tick(-1)); // connects and declares
        await _admin.QueuePurgeAsync(EstuaryQueue);

        _massTransit = Bus.Factory.CreateUsingRabbitMq(configure => configure.Host(Broker, host => host.PublisherConfirmation = true));
        await _massTransit.StartAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _massTransit.StopAsync();
        await _estuary.DisposeAsync();
        foreach (var queue in _queues)
        {
            await _admin.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
        }

        await _connection.CloseAsync();
        _connection.Dispose();
    }

    // ---------------------------------------------------------------------------------- publishing

    [IterationCleanup(Targets = [nameof(Publish_RabbitMQClient), nameof(Publish_Estuary), nameof(Publish_MassTransit)])]
    public void EmptyQueues()
    {
        foreach (var queue in _queues)
        {
            _admin.QueuePurgeAsync(queue).GetAwaiter().GetResult();
        }

        _iteration++;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("publish")]
    public Task Publish_RabbitMQClient() => WindowedAsync(i => PublishRawAsync(_publishers[i % PublishChannels], i));

    [Benchmark]
    [BenchmarkCategory("publish")]
    public Task Publish_Estuary() => WindowedAsync(i => _commands.SendAsync(new Tick(i)).AsTask());

    [Benchmark]
    [BenchmarkCategory("publish")]
    public async Task Publish_MassTransit()
    {
        _queues.Add(MassTransitQueue);
        var endpoint = await _massTransit.GetSendEndpoint(new Uri("queue:" + MassTransitQueue));
        await WindowedAsync(i => endpoint.Send(new Tick(i)));
    }

    // ----------------------------------------------------------------------------------- consuming

    [IterationSetup(Target = nameof(Consume_RabbitMQClient))]
    public void FillRawQueue() => WindowedAsync(i => PublishRawAsync(_publishers[i % PublishChannels], i)).GetAwaiter().GetResult();

    [IterationSetup(Target = nameof(Consume_Estuary))]
    public void FillEstuaryQueue() => WindowedAsync(i => _commands.SendAsync(new Tick(i)).AsTask()).GetAwaiter().GetResult();

    [IterationSetup(Target = nameof(Consume_MassTransit))]
    public void FillMassTransitQueue()
    {
        _iteration++;
        _queues.Add(MassTransitQueue);
        var endpoint = _massTransit.GetSendEndpoint(new Uri("queue:" + MassTransitQueue)).GetAwaiter().GetResult();
        WindowedAsync(i => endpoint.Send(new Tick(i))).GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("consume")]
    public async Task Consume_RabbitMQClient()
    {
        var channel = await _connection.CreateChannelAsync();
        await channel.BasicQosAsync(0, Prefetch, global: false);
        var handled = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new global::RabbitMQ.Client.Events.AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (sender, delivery) =>
        {
            _ = JsonSerializer.Deserialize(delivery.Body.Span, TickJson.Default.Tick);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            if (++handled == Messages)
            {
                done.TrySetResult();
            }
        };
        var tag = await channel.BasicConsumeAsync(RawQueue, autoAck: false, consumer);
        await done.Task;
        await channel.BasicCancelAsync(tag);
        await channel.DisposeAsync();
    }

    [Benchmark]
    [BenchmarkCategory("consume")]
    public async Task Consume_Estuary()
    {
        _counter.Expect(Messages);
        await _consumers.RunAsync(Channel, new ConsumerLimits { MaxMessages = Messages });
        await _counter.Done;
    }

    [Benchmark]
    [BenchmarkCategory("consume")]
    public async Task Consume_MassTransit()
    {
        _counter.Expect(Messages);
        var handle = _massTransit.ConnectReceiveEndpoint(MassTransitQueue, endpoint =>
        {
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.PrefetchCount = Prefetch;
            }

            endpoint.ConcurrentMessageLimit = 1;
            endpoint.Handler<Tick>(_ =>
            {
                _counter.Hit();
                return Task.CompletedTask;
            });
        });
        await handle.Ready;
        await _counter.Done;
        await handle.StopAsync();
    }

    // ------------------------------------------------------------------------------------- helpers

    /// <summary>Starts every send, at most <see cref="Window"/> at once, and waits for them all.</summary>
    private static async Task WindowedAsync(Func<int, Task> send)
    {
        using var window = new SemaphoreSlim(Window);
        var sends = new Task[Messages];
        for (var i = 0; i < Messages; i++)
        {
            await window.WaitAsync();
            sends[i] = Release(send(i), window);
        }

        await Task.WhenAll(sends);

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

    // What Estuary writes for a send: the JSON body, the envelope's properties and headers.
    private async Task PublishRawAsync(IChannel channel, int sequence)
    {
        var id = Guid.NewGuid().ToString("D");
        var properties = new BasicProperties
        {
            MessageId = id,
            Type = "Estuary.Benchmarks.RabbitMq.Tick",
            ContentType = "application/json",
            Persistent = true,
            Headers = new Dictionary<string, object?>
            {
                ["endpoint-id"] = "bench.tick",
                ["message-id"] = id,
                ["correlation-id"] = id,
                ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                ["content-type"] = "application/json",
                ["message-name"] = "Estuary.Benchmarks.RabbitMq.Tick",
            },
        };
        await channel.BasicPublishAsync(string.Empty, RawQueue, mandatory: true, properties, JsonSerializer.SerializeToUtf8Bytes(new Tick(sequence), TickJson.Default.Tick));
    }

    private async Task DeclareAsync(string queue)
    {
        await _admin.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?> { ["x-queue-type"] = "classic" });
        _queues.Add(queue);
    }
}
