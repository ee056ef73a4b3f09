using System.Threading.Tasks;
using Xunit;

namespace Estuary.Cli.Tests;

/// <summary>
/// The channel commands on a channel named <see cref="CliChannels.Work"/>, whatever its kind: two messages
/// counted, consumed (one handled, one dead-lettered into the host's dead letter), the dead letter listed and
/// replayed, and the replayed message counted and handled.
/// </summary>
internal static class ChannelCommandScenario
{
    /// <summary>The whole scenario, on a broker's channel (RabbitMQ, Kafka).</summary>
    public static async Task RunAsync(CliHost host)
    {
        await CountAndConsumeAsync(host);
        Assert.Equal("0", (await host.RunAsync("estuary channels")).Row("work")[2]);
        var id = Assert.Single((await host.RunAsync("estuary deadletter list")).Rows)[0];

        host.Ledger.CardsDeclined = false;
        Assert.Equal(0, (await host.RunAsync($"estuary deadletter replay {id} cli.charge")).ExitCode);
        Assert.Equal("1", (await host.RunAsync("estuary channels")).Row("work")[2]);
        Assert.StartsWith("work: 1 received (Handled: 1)", (await host.RunAsync("estuary run work --stop-when-empty")).Lines[1]);
        Assert.Equal(["shipped o-1", "charged o-2 30"], host.Ledger.Entries);
    }

    /// <summary>Its first part: an order shipped and a card declined, counted, then consumed (one handled, one dead-lettered).</summary>
    public static async Task CountAndConsumeAsync(CliHost host)
    {
        await host.Commands.SendAsync(new ShipOrder("o-1"));
        host.Ledger.CardsDeclined = true;
        await host.Commands.SendAsync(new ChargeCard("o-2", 30m));

        Assert.Equal("2", (await host.RunAsync("estuary channels")).Row("work")[2]);

        var run = await host.RunAsync("estuary run work --stop-when-empty");

        Assert.StartsWith("work: 2 received (Handled: 1, DeadLettered: 1)", run.Lines[1]);
        Assert.Equal(["shipped o-1"], host.Ledger.Entries);
    }
}
