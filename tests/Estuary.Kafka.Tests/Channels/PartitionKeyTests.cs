using System;
using System.Threading.Tasks;
using Estuary.Testing.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Kafka.Tests.Channels;

/// <summary>The key of a record for a handler that targets no aggregate: the sender's, else the message id.</summary>
public sealed class PartitionKeyTests
{
    [Fact]
    public async Task A_sender_chosen_partition_key_keys_the_record_and_a_message_without_one_is_keyed_by_its_id()
    {
        var topic = KafkaTestCluster.Unique("keys");
        KafkaTestCluster.CreateTopic(topic, 2);
        await using var host = TestModuleHost.Create((name, channel) =>
        {
            if (name == FragileHandler.Channel)
            {
                channel.Topic = topic;
            }
        });
        var commands = host.GetRequiredService<ICommandBus>();

        await commands.SendAsync(new Fragile("chosen", string.Empty), new MessageHeaders { [MessageHeaderNames.PartitionKey] = "customer-9" });
        await commands.SendAsync(new Fragile("plain", string.Empty));

        var records = KafkaRecords.ReadAll(topic);
        var chosen = Assert.Single(records, r => r.Message.Value.Contains("chosen", StringComparison.Ordinal));
        var plain = Assert.Single(records, r => r.Message.Value.Contains("plain", StringComparison.Ordinal));
        Assert.Equal("customer-9", chosen.Message.Key);
        Assert.Equal("customer-9", KafkaRecords.Header(chosen, "partition-key"));
        Assert.Equal(KafkaRecords.Header(plain, "message-id"), plain.Message.Key);
        Assert.Null(KafkaRecords.Header(plain, "partition-key"));
        Assert.Equal(2, records.Count);
    }
}
