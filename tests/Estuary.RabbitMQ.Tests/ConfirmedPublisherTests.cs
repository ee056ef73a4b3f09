using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using RabbitMQ.Client;
using Xunit;

namespace Estuary.RabbitMQ.Tests;

/// <summary>Publishing with confirms against the real broker: confirmed or failed, never dropped, bounded, and a closed channel replaced.</summary>
public sealed class ConfirmedPublisherTests(TestBroker broker) : IClassFixture<TestBroker>
{
    [Fact]
    public async Task A_confirmed_publish_is_in_the_queue_with_its_properties_and_headers()
    {
        var queue = await broker.QueueAsync("confirmed");
        await using var connection = new RabbitMqConnection(TestBroker.Factory, TimeProvider.System);
        await using var publisher = new ConfirmedPublisher(connection, channels: 2, window: 16, TimeSpan.FromSeconds(10));
        var properties = new BasicProperties { MessageId = "m-1", Persistent = true, Headers = new System.Collections.Generic.Dictionary<string, object?> { ["shop"] = "Zürich ☕" } };

        await publisher.PublishAsync(string.Empty, queue, properties, Encoding.UTF8.GetBytes("{\"id\":1}"), default);

        var got = await broker.Admin.BasicGetAsync(queue, autoAck: true);
        Assert.NotNull(got);
        Assert.Equal("{\"id\":1}", Encoding.UTF8.GetString(got.Body.Span));
        Assert.Equal("m-1", got.BasicProperties.MessageId);
        Assert.Equal("Zürich ☕", Encoding.UTF8.GetString((byte[])got.BasicProperties.Headers!["shop"]!));
        await broker.Admin.QueueDeleteAsync(queue);
    }

    [Fact]
    public async Task A_message_no_queue_takes_is_an_error_and_is_not_dropped_in_silence()
    {
        await using var connection = new RabbitMqConnection(TestBroker.Factory, TimeProvider.System);
        await using var publisher = new ConfirmedPublisher(connection, channels: 1, window: 4, TimeSpan.FromSeconds(10));
        var nowhere = TestBroker.Unique("nowhere");

        var unroutable = await Assert.ThrowsAsync<UnroutableMessageException>(() =>
            publisher.PublishAsync(string.Empty, nowhere, new BasicProperties(), new byte[] { 1 }, default).AsTask());

        Assert.Equal(nowhere, unroutable.RoutingKey);
        Assert.Contains("NO_ROUTE", unroutable.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task However_many_callers_publish_at_once_at_most_the_window_awaits_confirms_and_every_message_arrives()
    {
        var queue = await broker.QueueAsync("window");
        await using var connection = new RabbitMqConnection(TestBroker.Factory, TimeProvider.System);
        await using var publisher = new ConfirmedPublisher(connection, channels: 2, window: 3, TimeSpan.FromSeconds(10));

        await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            Task.Run(async () => await publisher.PublishAsync(string.Empty, queue, new BasicProperties { MessageId = "m-" + i }, new byte[] { (byte)i }, default))));

        Assert.InRange(publisher.MostOutstanding, 1, 3);
        Assert.Equal(60u, await broker.Admin.MessageCountAsync(queue));
        await broker.Admin.QueueDeleteAsync(queue);
    }

    [Fact]
    public async Task A_channel_the_broker_closed_fails_its_publish_and_the_next_publish_goes_out_on_a_new_one()
    {
        var queue = await broker.QueueAsync("reopened");
        await using var connection = new RabbitMqConnection(TestBroker.Factory, TimeProvider.System);
        await using var publisher = new ConfirmedPublisher(connection, channels: 1, window: 4, TimeSpan.FromSeconds(10));

        // A missing exchange: the broker closes the channel (404).
        var closed = await Assert.ThrowsAsync<MessageNotConfirmedException>(() =>
            publisher.PublishAsync(TestBroker.Unique("missing-exchange"), "any", new BasicProperties(), new byte[] { 1 }, default).AsTask());
        await publisher.PublishAsync(string.Empty, queue, new BasicProperties(), new byte[] { 2 }, default);

        Assert.Contains("NOT_FOUND", closed.Message, StringComparison.Ordinal);
        Assert.Equal(1u, await broker.Admin.MessageCountAsync(queue));
        await broker.Admin.QueueDeleteAsync(queue);
    }
}
