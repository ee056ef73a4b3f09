using System;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Benchmarks.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Kafka;

namespace Estuary.Benchmarks.Kafka.OnWolverine;

/// <summary>
/// Wolverine 6.62 with WolverineFx.Kafka on the same cluster, with the client settings the twin and Estuary
/// get. A sender host publishes inline (<c>SendInline</c>): each <c>PublishAsync</c> completes when the brokers
/// acknowledged the record, as Estuary's send does (Wolverine's default buffered sender returns before that).
/// A listener host only listens: Wolverine keeps one endpoint per topic, so a publishing rule on the same topic
/// would also set how its listener works.
/// </summary>
public sealed class WolverinePeer : IAsyncDisposable
{
    private readonly IHost _host;

    // Set when the group assigned the listener its partitions; the listener then waits for _released.
    // Neither is disposed: a consumer whose close Wolverine gave up on may still call back.
    private readonly ManualResetEventSlim _assigned = new();
    private readonly ManualResetEventSlim _released = new();

    private WolverinePeer(string topic, ListenerMode? listener) => _host = Build(topic, listener);

    public IMessageBus Bus => _host.Services.GetRequiredService<IMessageBus>();

    public TickCounter Counter => _host.Services.GetRequiredService<TickCounter>();

    /// <summary>A host that publishes ticks to <paramref name="topic"/> and listens to nothing.</summary>
    public static async Task<WolverinePeer> StartSenderAsync(string topic)
    {
        var peer = new WolverinePeer(topic, listener: null);
        await peer._host.StartAsync();
        return peer;
    }

    /// <summary>
    /// A host whose listener reads <paramref name="listener"/>'s topic as a member of its group, returned once
    /// the group assigned it the partitions. The listener's thread waits inside that assignment until
    /// <see cref="Release"/>, so joining the group is not measured and no record is handled before.
    /// </summary>
    public static async Task<WolverinePeer> StartListenerAsync(string topic, ListenerMode listener)
    {
        var peer = new WolverinePeer(topic, listener);
        try
        {
            await peer._host.StartAsync();
            if (!peer._assigned.Wait(TimeSpan.FromMinutes(1)))
            {
                throw new TimeoutException($"Wolverine's listener of {topic} was not assigned its partitions.");
            }
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }

        return peer;
    }

    /// <summary>Lets the listener go on from its assignment.</summary>
    public void Release() => _released.Set();

    private IHost Build(string topic, ListenerMode? listener) => Host.CreateDefaultBuilder()
        .ConfigureLogging(static logging => logging.ClearProviders())
        .UseWolverine(options =>
        {
            options.UseHandlersBeside(typeof(WolverineTickHandler));

            // One process, and no message store registered: nothing but the transport runs in the background.
            options.Durability.Mode = DurabilityMode.Solo;
            options.Services.AddSingleton<TickCounter>();

            var kafka = options.UseKafka(BenchmarkCluster.BootstrapServers);
            if (listener is not { } mode)
            {
                kafka.ConfigureProducers(producer =>
                {
                    foreach (var (name, value) in Twin.ProducerSettings)
                    {
                        producer.Set(name, value);
                    }
                });
                options.PublishMessage<WolverineTick>().ToKafkaTopic(topic).SendInline();
                return;
            }

            kafka.ConfigureConsumers(consumer =>
            {
                foreach (var (name, value) in Twin.ConsumerSettings(mode.Group))
                {
                    consumer.Set(name, value);
                }

                // Wolverine's listener takes every consume result for a record: no end-of-partition events.
                consumer.EnablePartitionEof = false;
            });
            kafka.ConfigureConsumerBuilders(builder => builder.SetPartitionsAssignedHandler((_, partitions) =>
            {
                if (partitions.Count > 0)
                {
                    _assigned.Set();
                    _released.Wait();
                }
            }));
            var listening = options.ListenToKafkaTopic(topic);
            if (mode.Inline)
            {
                listening.ProcessInline();
            }
        })
        .Build();

    public async ValueTask DisposeAsync()
    {
        _released.Set();
        await _host.StopAsync();
        _host.Dispose();
    }
}

/// <summary>
/// How a <see cref="WolverinePeer"/> listens: as a member of <paramref name="Group"/>, with Wolverine's default
/// listener (records buffered in memory and handled by several workers at once) or <paramref name="Inline"/>
/// (each record handled on the consuming thread before the next is read, as the twin and Estuary's default do).
/// </summary>
public sealed record ListenerMode(string Group, bool Inline);
