using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using Estuary.Testing.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Kafka.Tests.Channels;

/// <summary>What the publisher writes to a topic that is no channel, read back by a plain consumer.</summary>
public sealed class PublisherTests
{
    [Fact]
    public async Task A_converted_message_and_raw_bytes_reach_the_topic_with_their_keys_and_headers()
    {
        var topic = KafkaTestCluster.Unique("partners");
        KafkaTestCluster.CreateTopic(topic, 1);
        await using var host = TestModuleHost.Create((_, _) => { });
        var publisher = host.GetRequiredService<IKafkaPublisher>();

        await publisher.PublishAsync(topic, "c-7", new CustomerChanged("c-7", "Ada"), new Dictionary<string, string> { ["tenant"] = "acme" });
        await publisher.PublishRawAsync(topic, key: null, Encoding.UTF8.GetBytes("EUR;1.08"));

        var records = KafkaRecords.ReadAll(topic);
        Assert.Equal(2, records.Count);
        var converted = records[0];
        Assert.Equal("c-7", converted.Message.Key);
        Assert.Equal("""{"CustomerId":"c-7","Name":"Ada"}""", converted.Message.Value);
        Assert.Equal(typeof(CustomerChanged).FullName, KafkaRecords.Header(converted, "message-name"));
        Assert.Equal("application/json", KafkaRecords.Header(converted, "content-type"));
        Assert.Equal("acme", KafkaRecords.Header(converted, "tenant"));
        Assert.True(System.Guid.TryParse(KafkaRecords.Header(converted, "message-id"), out _));
        Assert.Null(records[1].Message.Key);
        Assert.Equal("EUR;1.08", records[1].Message.Value);
        Assert.Empty(records[1].Message.Headers);
    }
}
