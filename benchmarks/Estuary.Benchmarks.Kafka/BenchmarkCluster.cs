using System;
using System.Collections.Generic;
using Estuary.Kafka;
using Estuary.Testing.Kafka;

namespace Estuary.Benchmarks.Kafka;

/// <summary>
/// The cluster every subject uses (librdkafka's mock cluster in this process, or ESTUARY_KAFKA), the group
/// timings their consumers share, and the topics of a channel.
/// </summary>
public static class BenchmarkCluster
{
    /// <summary>
    /// Partitions of every channel topic. The mock cluster keeps at most 5 MiB per partition and drops the
    /// oldest records beyond that: 50,000 of Wolverine's records (about 0.5 KB each, its envelope's nine
    /// headers) did not fit in 4 partitions, so every subject gets 8.
    /// </summary>
    public const int Partitions = 8;

    private static readonly HashSet<string> s_created = new(StringComparer.Ordinal);

    /// <summary>
    /// Members heartbeat every half second and are dropped after six silent seconds: with librdkafka's
    /// defaults the mock cluster's groups rebalance slowly. Every subject gets the same values.
    /// </summary>
    public static IReadOnlyDictionary<string, string> GroupTimings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["heartbeat.interval.ms"] = "500",
        ["session.timeout.ms"] = "6000",
    };

    public static string BootstrapServers => KafkaTestCluster.BootstrapServers;

    /// <summary>
    /// Uses the cluster with one Kafka channel, <paramref name="channel"/>, on <paramref name="topic"/>, consumed
    /// by <paramref name="group"/>; Estuary's own client settings otherwise.
    /// </summary>
    public static EstuaryBuilder UseBenchmarkKafka(
        this EstuaryBuilder estuary, string channel, string topic, string group, Action<KafkaChannelOptions>? configure = null) =>
        estuary.UseKafka(BootstrapServers, kafka =>
        {
            foreach (var (name, value) in GroupTimings)
            {
                kafka.Options.Consumer[name] = value;
            }

            kafka.AddChannel(channel, options =>
            {
                options.Topic = topic;
                options.GroupId = group;
                CreateTopics(options);
                configure?.Invoke(options);
            });
        });

    /// <summary>Creates <paramref name="topic"/> with <see cref="Partitions"/> partitions, once per process (the peers' topics).</summary>
    public static void CreateTopic(string topic)
    {
        lock (s_created)
        {
            if (s_created.Add(topic))
            {
                KafkaTestCluster.CreateTopic(topic, Partitions);
            }
        }
    }

    /// <summary>
    /// Creates the channel's topic and its retry topics (one partition each: they hold only delayed messages,
    /// and none is sent here), once per process: the consumer subscribes to all of them.
    /// </summary>
    private static void CreateTopics(KafkaChannelOptions channel)
    {
        lock (s_created)
        {
            if (!s_created.Add(channel.Topic))
            {
                return;
            }

            KafkaTestCluster.CreateTopic(channel.Topic, Partitions);
            KafkaTestCluster.CreateTopics(channel.RetryTopics, partitions: 1);
        }
    }
}
