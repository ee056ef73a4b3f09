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
        await host.Commands.SendAsync(new ShipOrder("o-1"));
        host.Ledger.CardsDeclined = true;
        await host.Commands.SendAsync(new ChargeCard("o-2", 30m));

        Assert.Equal("2", (await host.RunAsync("estuary channels")).Row("work")[2]);

        var run = await host.RunAsync("estuary run work --stop-when-empty");

        Assert.StartsWith("work: 2 received (Handled: 1, DeadLettered: 1)", run.Lines[1]);
        Assert.Equal(["shipped o-1"], host.Ledger.Entries);
        Assert.Equal("0", (await host.RunAsync("estuary channels")).Row("work")[2]);
        var id = Assert.Single((await host.RunAsync("estuary deadletter list")).Rows)[0];

        host.Ledger.CardsDeclined = false;
        Assert.Equal(0, (await host.RunAsync($"estuary deadletter replay {id} cli.charge")).ExitCode);
        Assert.Equal("1", (await host.RunAsync("estuary channels")).Row("work")[2]);
        Assert.StartsWith("work: 1 received (Handled: 1)", (await host.RunAsync("estuary run work --stop-when-empty")).Lines[1]);
        Assert.Equal(["shipped o-1", "charged o-2 30"], host.Ledger.Entries);
    }
}
