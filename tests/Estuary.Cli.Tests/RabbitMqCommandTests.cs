using System;
using System.Threading.Tasks;
using Estuary.RabbitMQ;
using RabbitMQ.Client;
using Xunit;

namespace Estuary.Cli.Tests;

/// <summary>The channel commands on a RabbitMQ channel of the real broker (ESTUARY_RABBITMQ), as on any other channel.</summary>
public sealed class RabbitMqCommandTests : IAsyncLifetime
{
    private readonly string _queue = "cli-work-" + Guid.NewGuid().ToString("N")[..8];

    private static string Broker => Environment.GetEnvironmentVariable("ESTUARY_RABBITMQ")
        ?? throw new InvalidOperationException("ESTUARY_RABBITMQ is not set: eng/services.sh start && eval \"$(eng/services.sh env)\" (eng/test.sh does both).");

    [Fact]
    public async Task Messages_on_a_rabbitmq_channel_are_counted_consumed_dead_lettered_and_replayed()
    {
        await using var host = CliHost.Create(estuary: estuary => estuary
            .AddModule<CliTestsModule>()
            .AddInMemoryChannel(CliChannels.Idle)
            .UseRabbitMq(Broker, rabbit => rabbit.AddChannel(CliChannels.Work, channel => channel.Queue = _queue)));

        await ChannelCommandScenario.RunAsync(host);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(Broker) }.CreateConnectionAsync();
        await using var admin = await connection.CreateChannelAsync();
        await admin.QueueDeleteAsync(_queue, ifUnused: false, ifEmpty: false);
    }
}
