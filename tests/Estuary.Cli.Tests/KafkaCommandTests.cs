using System.Threading.Tasks;
using Estuary.Kafka;
using Estuary.Testing.Kafka;
using Xunit;

namespace Estuary.Cli.Tests;

/// <summary>
/// The channel commands on a Kafka channel of the test cluster (librdkafka's mock, or ESTUARY_KAFKA), as on
/// any other channel: pending records counted, consumed, dead-lettered into the host's dead letter, replayed.
/// </summary>
public sealed class KafkaCommandTests
{
    private readonly string _topic = KafkaTestCluster.Unique("cli-work");

    [Fact]
    public async Task Records_on_a_kafka_channel_are_counted_consumed_dead_lettered_and_replayed()
    {
        KafkaTestCluster.CreateTopic(_topic, partitions: 2);
        await using var host = CliHost.Create(estuary: estuary => estuary
            .AddModule<CliTestsModule>()
            .AddInMemoryChannel(CliChannels.Idle)
            .UseKafka(KafkaTestCluster.BootstrapServers, kafka => kafka.AddChannel(CliChannels.Work, channel =>
            {
                channel.Topic = _topic;
                channel.GroupId = KafkaTestCluster.Unique("cli");
            })));

        await ChannelCommandScenario.RunAsync(host);
    }
}
