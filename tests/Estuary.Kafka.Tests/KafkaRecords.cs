using System;
using System.Collections.Generic;
using Confluent.Kafka;
using Estuary.Testing.Kafka;

namespace Estuary.Kafka.Tests;

/// <summary>Reads topics of the test cluster with a plain Confluent.Kafka consumer, as another program would.</summary>
internal static class KafkaRecords
{
    /// <summary>Every record of <paramref name="topic"/> now, read by a new consumer group to the end of each partition.</summary>
    public static List<ConsumeResult<string, string>> ReadAll(string topic) => ReadAll(topic, KafkaTestCluster.BootstrapServers);

    /// <summary>Every record of <paramref name="topic"/> of the cluster at <paramref name="bootstrapServers"/>.</summary>
    public static List<ConsumeResult<string, string>> ReadAll(string topic, string bootstrapServers)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = KafkaTestCluster.Unique("reader"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnablePartitionEof = true,
            EnableAutoCommit = false,
        };
        using var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe(topic);
        var records = new List<ConsumeResult<string, string>>();
        var ended = new HashSet<int>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && (ended.Count == 0 || ended.Count < consumer.Assignment.Count))
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is not { } result)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                ended.Add(result.Partition.Value);
            }
            else
            {
                records.Add(result);
            }
        }

        consumer.Close();
        return records;
    }

    /// <summary>The last value of header <paramref name="name"/> as text, or null.</summary>
    public static string? Header(ConsumeResult<string, string> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out var bytes) ? System.Text.Encoding.UTF8.GetString(bytes) : null;
}
