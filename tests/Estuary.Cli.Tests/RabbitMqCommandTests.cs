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

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(Broker) }.CreateConnectionAsync();
        await using var admin = await connection.CreateChannelAsync();
        await admin.QueueDeleteAsync(_queue, ifUnused: false, ifEmpty: false);
    }
}
