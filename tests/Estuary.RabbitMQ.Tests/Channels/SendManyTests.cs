using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Estuary.Fixtures.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.RabbitMQ.Tests.Channels;

/// <summary>How the outbox forwards to a RabbitMQ channel: many publishes in flight at once, each with its own outcome.</summary>
public sealed class SendManyTests(TestBroker broker) : IClassFixture<TestBroker>
{
    [Fact]
    public async Task Many_messages_sent_together_are_each_confirmed_and_all_in_the_queue()
    {
        var queue = TestBroker.Unique("many");
        await using var host = Host(queue, autoDeclare: true);
        var channel = host.GetRequiredService<EstuaryConsumers>().Channel(DeliveryChannels.Work);

        var failures = await channel.SendManyAsync(Messages(300), CancellationToken.None);

        Assert.All(failures, Assert.Null);
        Assert.Equal(300u, (await broker.Admin.QueueDeclarePassiveAsync(queue)).MessageCount);
        await broker.Admin.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
    }

    [Fact]
    public async Task Messages_no_queue_takes_each_fail_on_their_own_and_nothing_throws()
    {
        await using var host = Host(TestBroker.Unique("missing"), autoDeclare: false);
        var channel = host.GetRequiredService<EstuaryConsumers>().Channel(DeliveryChannels.Work);

        var failures = await channel.SendManyAsync(Messages(20), CancellationToken.None);

        Assert.Equal(20, failures.Length);
        Assert.All(failures, failure => Assert.IsType<UnroutableMessageException>(failure));
    }

    private static ServiceProvider Host(string queue, bool autoDeclare) =>
        FixtureHost.Services(estuary => estuary.UseRabbitMq(TestBroker.Factory.Uri.ToString(), rabbit =>
        {
            rabbit.Options.AutoDeclare = autoDeclare;
            rabbit.AddChannel(DeliveryChannels.Work, channel => channel.Queue = queue);
        })).BuildServiceProvider();

    private static ChannelMessage[] Messages(int count) => Enumerable.Range(0, count)
        .Select(i => new ChannelMessage { MessageId = Guid.NewGuid(), EndpointId = "delivery.ranked", MessageName = typeof(Ranked).FullName, Payload = Encoding.UTF8.GetBytes($$"""{"Label":"{{i}}"}""") })
        .ToArray();
}
