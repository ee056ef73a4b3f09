using System;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Xunit;

namespace Estuary.Cli.Tests;

public sealed class EndpointsAndChannelsTests
{
    [Fact]
    public async Task Endpoints_lists_kind_name_endpoint_id_channel_and_routing_key()
    {
        await using var host = CliHost.Create();

        var run = await host.RunAsync("estuary endpoints");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["KIND", "NAME", "ENDPOINT ID", "CHANNEL", "ROUTING KEY"], run.Row("KIND"));
        Assert.Equal(4, run.Rows.Length);
        Assert.Equal(["command", "OrderHandlers.Ship", "cli.ship", "work", "-"], run.Rows[0]);
        Assert.Equal(["command", "OrderHandlers.Charge", "cli.charge", "work", "-"], run.Rows[1]);
        Assert.Equal(["query", "OrderHandlers.Status", "Estuary.Cli.Tests.OrderHandlers.Status", "inline", "orders.status"], run.Row("query"));
        Assert.Equal(["event", "OrderHandlers.Audit", "cli.audit", "inline", "-"], run.Row("event"));
        Assert.Contains("4 endpoints in 1 module: CliTestsModule.", run.Lines);
    }

    [Fact]
    public async Task Endpoints_list_the_distributed_inbox_of_a_service_on_its_channel()
    {
        await using var host = CliHost.Create(estuary: static e => e
            .AddModule<CliTestsModule>()
            .AddInMemoryChannel(CliChannels.Work)
            .UseDistributedBus("shop", static map => map.AddService("shop", CliChannels.Work)));

        var run = await host.RunAsync("estuary endpoints");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["distributed", "DistributedBus.Inbox", "estuary.distributed", "work", "-"], run.Row("distributed"));
        Assert.Contains("5 endpoints in 1 module: CliTestsModule.", run.Lines);
    }

    [Fact]
    public async Task Channels_show_consumer_settings_endpoints_served_and_pending_messages()
    {
        await using var host = CliHost.Create();
        await host.Commands.SendAsync(new ShipOrder("o-1"));
        await host.Commands.SendAsync(new ShipOrder("o-2"));

        var before = await host.RunAsync("estuary channels");

        Assert.Equal(0, before.ExitCode);
        Assert.Equal(["CHANNEL", "ENDPOINTS", "PENDING", "CONCURRENCY", "RETRY", "FINAL FAILURE", "ERROR CHANNEL", "DEDUP", "IN HOST"], before.Row("CHANNEL"));
        Assert.Equal(["work", "2", "2", "1", "2 instant, 3 delayed (host default)", "DeadLetter", "-", "on", "yes"], before.Row("work"));
        Assert.Equal(["idle", "0", "0", "4", "none", "Ignore", "work", "off", "no"], before.Row("idle"));

        await host.RunAsync("estuary run work --stop-when-empty");
        var after = await host.RunAsync("estuary channels");

        Assert.Equal("0", after.Row("work")[2]);
    }

    [Fact]
    public async Task Channel_that_cannot_count_shows_a_dash_and_one_whose_count_fails_is_reported()
    {
        await using var host = CliHost.Create(estuary: static e => e
            .AddModule<CliTestsModule>()
            .AddInMemoryChannel(CliChannels.Work)
            .AddChannel("outbound", static _ => new SendOnlyChannel("outbound"))
            .AddChannel("broken", static _ => new UnreachableChannel("broken")));

        var run = await host.RunAsync("estuary channels");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("-", run.Row("outbound")[2]);
        Assert.Equal("?", run.Row("broken")[2]);
        Assert.Equal("0", run.Row("work")[2]);
        Assert.Contains("Error: counting the pending messages of 'broken' failed: TimeoutException: broker unreachable", run.Lines);
    }

    private sealed class SendOnlyChannel(string name) : IMessageChannel
    {
        public string Name => name;

        public ValueTask SendAsync(ChannelMessage message, CancellationToken cancellationToken) => default;
    }

    private sealed class UnreachableChannel(string name) : IMessageChannel, IInspectableChannel
    {
        public string Name => name;

        public ValueTask SendAsync(ChannelMessage message, CancellationToken cancellationToken) => throw new TimeoutException("broker unreachable");

        public ValueTask<long> CountPendingAsync(CancellationToken cancellationToken) => throw new TimeoutException("broker unreachable");
    }
}
