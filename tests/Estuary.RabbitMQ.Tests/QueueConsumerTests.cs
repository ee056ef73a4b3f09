using System;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using RabbitMQ.Client;
using Xunit;

namespace Estuary.RabbitMQ.Tests;

/// <summary>Consuming a queue with manual acknowledgement against the real broker: prefetch, release, and a consumer that comes back.</summary>
public sealed class QueueConsumerTests(TestBroker broker) : IClassFixture<TestBroker>
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Deliveries_arrive_with_their_bodies_and_acknowledged_ones_leave_the_queue()
    {
        var queue = await broker.QueueAsync("acked");
        await PublishAsync(queue, 10);
        await using var connection = new RabbitMqConnection(TestBroker.Factory, TimeProvider.System);
        await using var consumer = new QueueConsumer(connection, queue, prefetch: 4);

        var bodies = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var delivery = await consumer.ReceiveAsync(s_wait, default) ?? throw new InvalidOperationException("A delivery did not arrive.");
            bodies.Add(Encoding.UTF8.GetString(delivery.Body.Span));
            await delivery.AcknowledgeAsync(default);
        }

        Assert.Equal(Bodies(10), bodies);
        await consumer.DisposeAsync();
        Assert.Equal(0u, await broker.Admin.MessageCountAsync(queue));
        await broker.Admin.QueueDeleteAsync(queue);
    }

    [Fact]
    public async Task At_most_prefetch_deliveries_are_unacknowledged_and_a_released_one_comes_back_redelivered()
    {
        var queue = await broker.QueueAsync("prefetch");
        await PublishAsync(queue, 5);
        await using var connection = new RabbitMqConnection(TestBroker.Factory, TimeProvider.System);
        await using var consumer = new QueueConsumer(connection, queue, prefetch: 2);

        var first = await consumer.ReceiveAsync(s_wait, default);
        var second = await consumer.ReceiveAsync(s_wait, default);
        var third = await consumer.ReceiveAsync(TimeSpan.FromMilliseconds(300), default);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(third);

        await first.ReleaseAsync(default);
        await second.AcknowledgeAsync(default);
        var again = new List<QueueDelivery>();
        for (var i = 0; i < 4; i++)
        {
            var delivery = await consumer.ReceiveAsync(s_wait, default) ?? throw new InvalidOperationException("A delivery did not arrive.");
            again.Add(delivery);
            await delivery.AcknowledgeAsync(default);
        }

        Assert.Contains(again, d => d.Redelivered && Encoding.UTF8.GetString(d.Body.Span) == Encoding.UTF8.GetString(first.Body.Span));
        await broker.Admin.QueueDeleteAsync(queue);
    }

    [Fact]
    public async Task A_consumer_the_broker_cancelled_consumes_again_once_its_queue_exists_again()
    {
        var queue = await broker.QueueAsync("cancelled");
        await using var connection = new RabbitMqConnection(TestBroker.Factory, TimeProvider.System);
        await using var consumer = new QueueConsumer(connection, queue, prefetch: 2);
        Assert.Null(await consumer.ReceiveAsync(TimeSpan.FromMilliseconds(200), default));

        // Deleting the queue cancels the consumer; nothing fails on the client's side.
        await broker.Admin.QueueDeleteAsync(queue);
        await broker.Admin.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: false, arguments: null);
        await PublishAsync(queue, 1);

        QueueDelivery? delivery = null;
        var deadline = DateTime.UtcNow + s_wait;
        while (delivery is null && DateTime.UtcNow < deadline)
        {
            delivery = await consumer.ReceiveAsync(TimeSpan.FromMilliseconds(200), default);
        }

        Assert.NotNull(delivery);
        Assert.Equal("body-0", Encoding.UTF8.GetString(delivery.Body.Span));
        Assert.Equal(2, consumer.Subscriptions);
        await delivery.AcknowledgeAsync(default);
        await broker.Admin.QueueDeleteAsync(queue);
    }

    private async Task PublishAsync(string queue, int count)
    {
        foreach (var body in Bodies(count))
        {
            await broker.Admin.BasicPublishAsync(string.Empty, queue, Encoding.UTF8.GetBytes(body));
        }
    }

    private static List<string> Bodies(int count)
    {
        var bodies = new List<string>();
        for (var i = 0; i < count; i++)
        {
            bodies.Add("body-" + i);
        }

        return bodies;
    }
}
