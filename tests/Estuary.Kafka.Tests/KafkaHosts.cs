using System;
using System.Threading.Tasks;
using Estuary.Testing.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.Kafka.Tests;

/// <summary>Builds hosts on the test cluster and reaches into their Kafka channels.</summary>
internal static class KafkaHosts
{
    /// <summary>
    /// Uses the test cluster. Members of a group heartbeat every half second and leave it after six silent
    /// seconds, so the mock cluster rebalances within seconds (with the defaults a rebalance can wait
    /// for the 45 s session timeout).
    /// </summary>
    public static EstuaryBuilder UseTestKafka(this EstuaryBuilder estuary, Action<KafkaBuilder>? configure = null) =>
        estuary.UseKafka(KafkaTestCluster.BootstrapServers, kafka =>
        {
            kafka.Options.Consumer["heartbeat.interval.ms"] = "500";
            kafka.Options.Consumer["session.timeout.ms"] = "6000";
            configure?.Invoke(kafka);
        });

    /// <summary>The Kafka channel <paramref name="name"/> of <paramref name="host"/> (created on first use).</summary>
    public static KafkaChannel Channel(IServiceProvider host, string name)
    {
        host.GetRequiredService<EstuaryConsumers>().Channel(name);
        return host.GetRequiredService<KafkaTransport>().Channel(name)
            ?? throw new InvalidOperationException($"Channel {name} is not a Kafka channel of this host.");
    }

    /// <summary>Waits until the consumer of <paramref name="channel"/> owns at least <paramref name="partitions"/> partitions.</summary>
    public static async Task OwnsAsync(IServiceProvider host, string channel, int partitions, int seconds = 60)
    {
        var consumer = Channel(host, channel).Consumer;
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (consumer.OwnedPartitions < partitions)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"The consumer of {channel} owns {consumer.OwnedPartitions} partitions after {seconds} s, not {partitions}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, or fails after <paramref name="seconds"/>.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Timed out waiting until {what}.");
            }

            await Task.Delay(50);
        }
    }
}
