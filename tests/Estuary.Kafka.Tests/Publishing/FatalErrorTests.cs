using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Estuary.Testing.Kafka;
using Xunit;

namespace Estuary.Kafka.Tests.Publishing;

/// <summary>The producer after a fatal error: docs/kafka.md ("Sending") promises that a new one takes over.</summary>
public sealed class FatalErrorTests
{
    [Fact]
    public async Task After_a_fatal_error_the_send_that_met_it_fails_and_the_next_ones_go_out_through_a_new_producer()
    {
        // Its own cluster: the failure it injects would hit the produce requests of other tests.
        using var cluster = KafkaTestCluster.StartPrivate();
        var topic = KafkaTestCluster.Unique("fatal");
        cluster.CreateTopic(topic, partitions: 1);
        using var producer = new KafkaProducer(KafkaTransport.ProducerSettings(new KafkaOptions { BootstrapServers = cluster.BootstrapServers }));

        await producer.ProduceAsync(topic, Record("before"), CancellationToken.None);

        // The brokers answer the next produce request as if a sequence number had been skipped. For the oldest
        // batch in flight of an idempotent producer, librdkafka can no longer tell what was written: the
        // producer fails fatally and refuses every later message.
        cluster.FailNextRequests(apiKey: 0, ErrorCode.OutOfOrderSequenceNumber);
        await Assert.ThrowsAsync<ProduceException<byte[]?, byte[]?>>(() => producer.ProduceAsync(topic, Record("met the failure"), CancellationToken.None));

        await producer.ProduceAsync(topic, Record("after"), CancellationToken.None);

        Assert.Equal(2, producer.Generations);
        Assert.Equal(new[] { "before", "after" }, KafkaRecords.ReadAll(topic, cluster.BootstrapServers).Select(record => record.Message.Value));
    }

    private static Message<byte[]?, byte[]?> Record(string value) => new() { Value = Encoding.UTF8.GetBytes(value) };
}
