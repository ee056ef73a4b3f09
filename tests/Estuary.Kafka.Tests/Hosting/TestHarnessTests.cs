using System.Linq;
using System.Threading.Tasks;
using Estuary.Fixtures.Delivery;
using Estuary.Testing;
using Estuary.Testing.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Kafka.Tests.Hosting;

/// <summary>The flow-testing harness with a Kafka channel: the test sends, runs the channel's consumer when it chooses, and reads the outcome.</summary>
public sealed class TestHarnessTests
{
    [Fact]
    public async Task A_test_host_runs_a_Kafka_channel_on_demand_with_the_dead_letter()
    {
        var topic = KafkaTestCluster.Unique("harness");
        KafkaTestCluster.CreateTopic(topic, partitions: 2);
        await using var flow = EstuaryTestHost.Create<DeliveryFixturesModule>(
            estuary => estuary.UseTestKafka(kafka => kafka.AddChannel(DeliveryChannels.Work, channel =>
            {
                channel.Topic = topic;
                channel.GroupId = KafkaTestCluster.Unique("harness");
                channel.Consumer.Retry = RetryPolicy.None;
            })),
            services => services.AddSingleton<DeliveryLog>().AddSingleton<DeliveryGate>().AddSingleton<DeliverySwitch>().AddSingleton<DeliveryMeeting>().AddScoped<AttemptScoped>());

        await flow.Commands.SendAsync(new Ranked("through the cluster"));
        await flow.Commands.SendAsync(new AlwaysFail("f", "declined"));

        var run = await flow.RunAsync(DeliveryChannels.Work);

        Assert.Equal(1, run[DeliveryOutcome.Handled]);
        Assert.Equal(1, run[DeliveryOutcome.DeadLettered]);
        // Two keys, two partitions: no order between them.
        Assert.Equal(["failing f", "ranked through the cluster"], flow.Get<DeliveryLog>().Entries.Order());
        Assert.Equal("declined", Assert.Single(await flow.DeadLetters.ListAsync()).Reason);
        Assert.Equal(0, (await flow.RunAsync(DeliveryChannels.Work)).Received);
    }
}
