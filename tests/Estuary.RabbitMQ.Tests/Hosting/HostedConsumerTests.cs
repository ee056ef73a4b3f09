using System;
using System.Linq;
using System.Threading.Tasks;
using Estuary.Fixtures.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Estuary.RabbitMQ.Tests.Hosting;

/// <summary>A RabbitMQ channel in a generic host, as an application runs it: consumed while the host runs, left whole when it stops.</summary>
public sealed class HostedConsumerTests(TestBroker broker) : IClassFixture<TestBroker>
{
    [Fact]
    public async Task The_host_consumes_while_it_runs_and_a_graceful_stop_hands_every_unfinished_message_back_to_the_queue()
    {
        var queue = TestBroker.Unique("hosted");
        var builder = Host.CreateApplicationBuilder();

        // A handler still running this long after the stop began is cancelled, and its message goes back.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Services.AddFixtures(estuary => estuary.UseRabbitMq(TestBroker.Factory.Uri.ToString(), rabbit => rabbit.AddChannel(DeliveryChannels.Work, channel =>
        {
            channel.Queue = queue;
            channel.Consumer.Concurrency = 2;
        })));
        using var host = builder.Build();
        var commands = host.Services.GetRequiredService<ICommandBus>();
        var log = host.Services.GetRequiredService<DeliveryLog>();

        await host.StartAsync();
        for (var i = 0; i < 20; i++)
        {
            await commands.SendAsync(new Ranked($"r{i}"));
        }

        await Eventually(() => log.Entries.Length == 20, "the running host handled all 20");

        // One message is being handled when the host stops; 30 more wait behind it, most of them pushed
        // to this host already (prefetch) and not yet received.
        await commands.SendAsync(new HoldOn("held"));
        await host.Services.GetRequiredService<DeliveryGate>().Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 30; i++)
        {
            await commands.SendAsync(new Ranked($"late{i}"));
        }

        await host.StopAsync();
        host.Services.GetRequiredService<DeliveryGate>().Release.TrySetResult();

        // Everything not handled is back in the queue, the cancelled message included; nothing unacknowledged is left behind.
        // The broker applies the consumer connection's nacks and channel close in its own time, so the
        // count read on another connection may lag a moment behind.
        var handledLate = log.Entries.Count(entry => entry.StartsWith("ranked late", StringComparison.Ordinal));
        Assert.DoesNotContain("held held", log.Entries);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await WaitingAsync(queue) != 31 - handledLate && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(31 - handledLate, await WaitingAsync(queue));
        await broker.Admin.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
    }

    private async Task<int> WaitingAsync(string queue) => (int)(await broker.Admin.QueueDeclarePassiveAsync(queue)).MessageCount;

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Timed out waiting until {what}.");
            }

            await Task.Delay(50);
        }
    }
}
