using System;
using System.Linq;
using System.Threading.Tasks;
using Estuary.Testing.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Kafka.Tests.Channels;

/// <summary>Every consumer group of a topic receives every message: the basis of several services (or projections) reading one stream.</summary>
public sealed class ConsumerGroupTests
{
    [Fact]
    public async Task Two_consumer_groups_of_one_topic_each_handle_every_message()
    {
        var topic = KafkaTestCluster.Unique("shared");
        KafkaTestCluster.CreateTopic(topic, 3);
        await using var billing = Host(topic, "billing");
        await using var shipping = Host(topic, "shipping");
        for (var i = 0; i < 30; i++)
        {
            await billing.GetRequiredService<ICommandBus>().SendAsync(new Fragile("m" + i, Reason: string.Empty));
        }

        var billed = await billing.GetRequiredService<EstuaryConsumers>().RunAsync(FragileHandler.Channel, new ConsumerLimits { StopWhenEmpty = true });
        var shipped = await shipping.GetRequiredService<EstuaryConsumers>().RunAsync(FragileHandler.Channel, new ConsumerLimits { StopWhenEmpty = true });

        var all = Enumerable.Range(0, 30).Select(i => "handled m" + i).Order(StringComparer.Ordinal);
        Assert.Equal((30, 30), (billed[DeliveryOutcome.Handled], shipped[DeliveryOutcome.Handled]));
        Assert.Equal(all, billing.GetRequiredService<FragileLog>().Entries.Order(StringComparer.Ordinal));
        Assert.Equal(all, shipping.GetRequiredService<FragileLog>().Entries.Order(StringComparer.Ordinal));
    }

    private static ServiceProvider Host(string topic, string group) => TestModuleHost.Create((name, channel) =>
    {
        if (name == FragileHandler.Channel)
        {
            channel.Topic = topic;
            channel.GroupId = topic + "-" + group;
        }
    });
}
