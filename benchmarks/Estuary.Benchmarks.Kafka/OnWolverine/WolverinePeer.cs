using System;
using System.Threading;
using System.Threading.Tasks;
using JasperFx.CodeGeneration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Kafka;

namespace Estuary.Benchmarks.Kafka.OnWolverine;

/// <summary>
/// Wolverine 6.62 with WolverineFx.Kafka on the same cluster and with the client settings the twin and Estuary
/// get. Sends are inline (<c>SendInline</c>): each <c>PublishAsync</c> completes when the brokers acknowledged
/// the record, as Estuary's send does (Wolverine's default buffered sender returns before that). The listener
/// keeps Wolverine's defaults: records handled inline, one at a time, offsets stored after each record and
/// committed in the background.
/// </summary>
public sealed class WolverinePeer : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly ManualResetEventSlim _assigned = new();
    private readonly ManualResetEventSlim _released = new();

    private WolverinePeer(Func<WolverinePeer, IHost> build) => _host = build(this);

    public IMessageBus Bus => _host.Services.GetRequiredService<IMessageBus>();

    public TickCounter Counter => _host.Services.GetRequiredService<TickCounter>();

    /// <summary>A host that publishes ticks to <paramref name="topic"/> and listens to nothing.</summary>
    public static async Task<WolverinePeer> StartSenderAsync(string topic)
    {
        var peer = new WolverinePeer(peer => peer.Build(topic, group: null));
        await peer._host.StartAsync();
        return peer;
    }

    /// <summary>
    /// A host whose listener reads <paramref name="topic"/> as a member of <paramref name="group"/>, returned
    /// once the group assigned it the topic's partitions. The listener's thread waits inside that assignment
    /// until <see cref="Release"/>, so joining the group is not measured and no record is handled before.
    /// </summary>
    public static async Task<WolverinePeer> StartListenerAsync(string topic, string group)
    {
        var peer = new WolverinePeer(peer => peer.Build(topic, group));
        await peer._host.StartAsync();
        if (!peer._assigned.Wait(TimeSpan.FromMinutes(1)))
        {
            throw new TimeoutException($"Wolverine's listener of {topic} was not assigned its partitions.");
        }

        return peer;
    }

    /// <summary>Lets the listener go on from its assignment.</summary>
    public void Release() => _released.Set();

    private IHost Build(string topic, string? group) => Host.CreateDefaultBuilder()
        .ConfigureLogging(static logging => logging.ClearProviders())
        .UseWolverine(options =>
        {
            // Under BenchmarkDotNet the entry assembly is its generated launcher, not this one.
            options.ApplicationAssembly = typeof(WolverineTickHandler).Assembly;
            var wolverineNamespace = typeof(WolverineTickHandler).Namespace;
            options.Discovery.CustomizeHandlerDiscovery(query =>
                query.Excludes.WithCondition("not a Wolverine subject", type => type.Namespace != wolverineNamespace));

            // Wolverine's default: handler code generated and compiled with Roslyn at start-up.
            options.CodeGeneration.TypeLoadMode = TypeLoadMode.Dynamic;

            // One process, no message store: nothing but the transport runs in the background.
            options.Durability.Mode = DurabilityMode.Solo;
            options.Services.AddSingleton<TickCounter>();

            var kafka = options.UseKafka(BenchmarkCluster.BootstrapServers);
            kafka.ConfigureProducers(producer =>
            {
                foreach (var (name, value) in Twin.ProducerSettings)
                {
                    producer.Set(name, value);
                }
            });
            options.PublishMessage<WolverineTick>().ToKafkaTopic(topic).SendInline();
            if (group is null)
            {
                return;
            }

            kafka.ConfigureConsumers(consumer =>
            {
                foreach (var (name, value) in Twin.ConsumerSettings(group))
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
            options.ListenToKafkaTopic(topic);
        })
        .Build();

    public async ValueTask DisposeAsync()
    {
        _released.Set();
        await _host.StopAsync();
        _host.Dispose();
        _assigned.Dispose();
        _released.Dispose();
    }
}
