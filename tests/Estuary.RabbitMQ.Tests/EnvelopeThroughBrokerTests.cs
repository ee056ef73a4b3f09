using System;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using Estuary.Channels;
using RabbitMQ.Client;
using Xunit;

namespace Estuary.RabbitMQ.Tests;

/// <summary>An envelope published with confirms and consumed from the real broker reads back whole.</summary>
public sealed class EnvelopeThroughBrokerTests(TestBroker broker) : IClassFixture<TestBroker>
{
    [Fact]
    public async Task An_envelope_published_and_consumed_through_the_broker_reads_back_as_sent()
    {
        var queue = await broker.QueueAsync("envelope");
        await using var connection = new RabbitMqConnection(TestBroker.Factory, TimeProvider.System);
        await using var publisher = new ConfirmedPublisher(connection, channels: 1, window: 4, TimeSpan.FromSeconds(10));
        await using var consumer = new QueueConsumer(connection, queue, prefetch: 1);
        var sent = new ChannelMessage
        {
            MessageId = Guid.NewGuid(),
            EndpointId = "payments.book",
            MessageName = "payments.payment-received",
            Payload = Encoding.UTF8.GetBytes("{\"OrderId\":\"o-1\"}"),
            Headers = new Dictionary<string, string> { ["tenant"] = "Zürich ☕", ["correlation-id"] = Guid.NewGuid().ToString("D") },
            ExpiresAt = new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero),
            Attempts = 1,
        };

        await publisher.PublishAsync(string.Empty, queue, AmqpEnvelope.Write(sent), sent.Payload, default);
        var delivery = await consumer.ReceiveAsync(TimeSpan.FromSeconds(5), default) ?? throw new InvalidOperationException("The message did not arrive.");
        var (read, error) = AmqpEnvelope.Read(delivery.Properties, delivery.Body);
        await delivery.AcknowledgeAsync(default);

        Assert.Null(error);
        Assert.Equal((sent.MessageId, sent.EndpointId, sent.MessageName, sent.ExpiresAt, sent.Attempts), (read.MessageId, read.EndpointId, read.MessageName, read.ExpiresAt, read.Attempts));
        Assert.Equal(sent.Headers["tenant"], read.Headers["tenant"]);
        Assert.Equal(sent.Headers["correlation-id"], read.Headers["correlation-id"]);
        Assert.Equal("{\"OrderId\":\"o-1\"}", Encoding.UTF8.GetString(read.Payload.Span));
        await broker.Admin.QueueDeleteAsync(queue);
    }
}
