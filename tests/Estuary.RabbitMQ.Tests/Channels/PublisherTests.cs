using System;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using Estuary.Fixtures.Delivery;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using Xunit;

namespace Estuary.RabbitMQ.Tests.Channels;

/// <summary>The message publisher: raw bytes or converted messages to any exchange and routing key, confirmed and mandatory.</summary>
public sealed class PublisherTests(TestBroker broker) : IClassFixture<TestBroker>, IAsyncLifetime
{
    private readonly string _exchange = TestBroker.Unique("partners");
    private readonly string _foreign = TestBroker.Unique("partner-feed");
    private readonly string _work = TestBroker.Unique("publisher-work");
    private ServiceProvider _host = null!;

    [Fact]
    public async Task Raw_bytes_reach_the_bound_queue_as_they_were_given_with_their_headers()
    {
        var publisher = _host.GetRequiredService<IRabbitMqPublisher>();

        await publisher.PublishRawAsync(_exchange, "feed.prices", new byte[] { 0, 1, 2, 255 }, "application/x-prices", new Dictionary<string, string> { ["source"] = "Zürich" });

        var got = await broker.Admin.BasicGetAsync(_foreign, autoAck: true) ?? throw new InvalidOperationException("Nothing reached the queue.");
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, got.Body.ToArray());
        Assert.Equal("application/x-prices", got.BasicProperties.ContentType);
        Assert.Equal(DeliveryModes.Persistent, got.BasicProperties.DeliveryMode);
        Assert.True(Guid.TryParse(got.BasicProperties.MessageId, out _));
        Assert.Equal("Zürich", Encoding.UTF8.GetString((byte[])got.BasicProperties.Headers!["source"]!));
    }

    [Fact]
    public async Task A_converted_message_with_an_endpoint_header_is_handled_by_the_estuary_endpoint_bound_to_the_exchange()
    {
        var publisher = _host.GetRequiredService<IRabbitMqPublisher>();

        await publisher.PublishAsync(_exchange, "work.ranked", new Ranked("published"), new Dictionary<string, string> { ["endpoint-id"] = "delivery.ranked" });
        var run = await _host.GetRequiredService<EstuaryConsumers>().RunAsync(DeliveryChannels.Work, new ConsumerLimits { StopWhenEmpty = true });

        Assert.Equal(1, run[DeliveryOutcome.Handled]);
        Assert.Equal(["ranked published"], _host.GetRequiredService<DeliveryLog>().Entries);
    }

    [Fact]
    public async Task A_converted_message_carries_its_json_and_its_message_name()
    {
        await _host.GetRequiredService<IRabbitMqPublisher>().PublishAsync(_exchange, "feed.ranked", new Ranked("as json"));

        var got = await broker.Admin.BasicGetAsync(_foreign, autoAck: true) ?? throw new InvalidOperationException("Nothing reached the queue.");
        Assert.Equal("""{"Label":"as json"}""", Encoding.UTF8.GetString(got.Body.Span));
        Assert.Equal(typeof(Ranked).FullName, got.BasicProperties.Type);
        Assert.Equal("application/json", got.BasicProperties.ContentType);
    }

    [Fact]
    public async Task A_message_no_queue_is_bound_to_take_is_an_error()
    {
        var publisher = _host.GetRequiredService<IRabbitMqPublisher>();

        await Assert.ThrowsAsync<UnroutableMessageException>(async () => await publisher.PublishRawAsync(_exchange, "nobody.listens", new byte[] { 1 }));
    }

    public Task InitializeAsync()
    {
        _host = FixtureHost.Services(estuary => estuary.UseRabbitMq(TestBroker.Factory.Uri.ToString(), rabbit => rabbit
            .AddChannel(DeliveryChannels.Work, channel => channel.Queue = _work)
            .DeclareExchange(_exchange, ExchangeType.Topic)
            .DeclareQueue(_foreign)
            .Bind(_exchange, _foreign, "feed.*")
            .Bind(_exchange, _work, "work.*"))).BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await broker.Admin.QueueDeleteAsync(_foreign, ifUnused: false, ifEmpty: false);
        await broker.Admin.QueueDeleteAsync(_work, ifUnused: false, ifEmpty: false);
        await broker.Admin.ExchangeDeleteAsync(_exchange, ifUnused: false);
    }
}
