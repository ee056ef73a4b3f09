using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Estuary.Channels;

namespace Estuary.Benchmarks.Kafka;

/// <summary>
/// The Confluent.Kafka twin's clients, with the settings Estuary's transport gives its own
/// (<c>KafkaTransport.ProducerSettings</c>, <c>ConsumerSettings</c>), and the record Estuary's envelope writes
/// for a send (<c>KafkaEnvelope.Write</c>).
/// </summary>
public static class Twin
{
    private static readonly byte[] s_contentType = Encoding.UTF8.GetBytes("application/json");
    private static readonly byte[] s_messageName = Encoding.UTF8.GetBytes("Estuary.Benchmarks.Kafka.Tick");
    private static readonly byte[] s_endpointId = Encoding.UTF8.GetBytes("bench.tick");

    /// <summary>An idempotent producer acknowledged by all in-sync replicas, lingering 5 ms: Estuary's defaults.</summary>
    public static IReadOnlyDictionary<string, string> ProducerSettings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["bootstrap.servers"] = BenchmarkCluster.BootstrapServers,
        ["client.id"] = AppDomain.CurrentDomain.FriendlyName,
        ["enable.idempotence"] = "true",
        ["acks"] = "all",
        ["linger.ms"] = "5",
        ["dotnet.producer.delivery.report.fields"] = "status",
        ["message.timeout.ms"] = "30000",
    };

    public static IProducer<byte[], byte[]> CreateProducer() => new ProducerBuilder<byte[], byte[]>(ProducerSettings).Build();

    /// <summary>
    /// A consumer of <paramref name="group"/> as Estuary configures its own: offsets stored by the code after
    /// each record and committed in the background every second, from the earliest offset of a new group,
    /// end-of-partition events on, fetches waiting at most 100 ms, cooperative rebalancing.
    /// </summary>
    public static IConsumer<byte[], byte[]> CreateConsumer(string group) => new ConsumerBuilder<byte[], byte[]>(ConsumerSettings(group)).Build();

    /// <summary>The settings of <see cref="CreateConsumer"/>.</summary>
    public static Dictionary<string, string> ConsumerSettings(string group)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = BenchmarkCluster.BootstrapServers,
            ["client.id"] = AppDomain.CurrentDomain.FriendlyName,
            ["group.id"] = group,
            ["enable.auto.commit"] = "true",
            ["auto.commit.interval.ms"] = "1000",
            ["enable.auto.offset.store"] = "false",
            ["auto.offset.reset"] = "earliest",
            ["enable.partition.eof"] = "true",
            ["fetch.wait.max.ms"] = "100",
            ["partition.assignment.strategy"] = "cooperative-sticky",
        };
        foreach (var (name, value) in BenchmarkCluster.GroupTimings)
        {
            settings[name] = value;
        }

        return settings;
    }

    /// <summary>
    /// The record of <c>SendAsync(new Tick(sequence))</c> without a partition key: the JSON value, keyed by a
    /// new version 7 message id, with Estuary's headers in its order. The id is made as hand-written code
    /// makes one, with <c>Guid.CreateVersion7</c>, or with <paramref name="estuaryIds"/> as Estuary makes
    /// its own (<see cref="MessageIds"/>, without a system call per id).
    /// </summary>
    public static Message<byte[], byte[]> Record(int sequence, bool estuaryIds = false)
    {
        var now = DateTimeOffset.UtcNow;
        var id = Encoding.UTF8.GetBytes((estuaryIds ? MessageIds.New(now) : Guid.CreateVersion7(now)).ToString("D"));
        return new Message<byte[], byte[]>
        {
            Key = id,
            Value = JsonSerializer.SerializeToUtf8Bytes(new Tick(sequence), TickJson.Default.Tick),
            Headers = new Headers
            {
                { "correlation-id", id },
                { "timestamp", Encoding.UTF8.GetBytes(now.ToString("O", CultureInfo.InvariantCulture)) },
                { "content-type", s_contentType },
                { "message-id", id },
                { "message-name", s_messageName },
                { "endpoint-id", s_endpointId },
            },
        };
    }
}
