using System;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using Estuary.Fixtures.Delivery;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using Xunit;

namespace Estuary.RabbitMQ.Tests.Channels;

/// <summary>A channel whose dead letters go to a RabbitMQ exchange, with their reasons in headers, instead of the host's dead letter.</summary>
public sealed class DeadLetterExchangeTests(TestBroker broker) : IClassFixture<TestBroker>, IAsyncLifetime
{
    private readonly string _exchange = TestBroker.Unique("dead-letters");
    private readonly string _parked = TestBroker.Unique("parked");
    private readonly string _work = TestBroker.Unique("dlx-work");
    private readonly List<ServiceProvider> _hosts = [];

    [Fact]
    public async Task A_message_that_fails_for_good_is_published_to_the_exchange_with_its_reason_and_leaves_the_queue()
    {
        var host = Host(bindParkingQueue: true);
        await host.GetRequiredService<ICommandBus>().SendAsync(new AlwaysFail("f", "the card was declined"));

        var run = await DrainAsync(host);

        Assert.Equal(1, run[DeliveryOutcome.DeadLettered]);
        Assert.Equal(0, await host.GetRequiredService<DeadLetters>().CountAsync());
        Assert.Equal(0u, (await broker.Admin.QueueDeclarePassiveAsync(_work)).MessageCount);
        var parked = await broker.Admin.BasicGetAsync(_parked, autoAck: true) ?? throw new InvalidOperationException("Nothing reached the dead-letter queue.");
        var headers = Text(parked.BasicProperties.Headers!);
        Assert.Equal("the card was declined", headers["failure-reason"]);
        Assert.Equal(typeof(InvalidOperationException).FullName, headers["failure-exception"]);
        Assert.Equal(DeliveryChannels.Work, headers["failed-channel"]);
        Assert.Equal("delivery.always-fail", headers["endpoint-id"]);
        Assert.Equal("1", headers["attempts"]);
        Assert.Equal("""{"Label":"f","Reason":"the card was declined"}""", Encoding.UTF8.GetString(parked.Body.Span));
    }

    [Fact]
    public async Task A_message_that_cannot_be_read_is_published_to_the_exchange_with_the_reason()
    {
        var host = Host(bindParkingQueue: true);
        await DrainAsync(host); // declares the topology
        await broker.Admin.BasicPublishAsync(string.Empty, _work, mandatory: true, new BasicProperties { MessageId = Guid.NewGuid().ToString() }, new byte[] { 1, 2, 3 });

        var run = await DrainAsync(host);

        Assert.Equal(1, run[DeliveryOutcome.DeadLettered]);
        var parked = await broker.Admin.BasicGetAsync(_parked, autoAck: true) ?? throw new InvalidOperationException("Nothing reached the dead-letter queue.");
        Assert.Contains("names no endpoint", Text(parked.BasicProperties.Headers!)["failure-reason"], StringComparison.Ordinal);
        Assert.Equal(new byte[] { 1, 2, 3 }, parked.Body.ToArray());
    }

    [Fact]
    public async Task When_the_exchange_takes_nothing_the_host_dead_letter_keeps_the_message()
    {
        var host = Host(bindParkingQueue: false);
        await host.GetRequiredService<ICommandBus>().SendAsync(new AlwaysFail("kept", "no exchange will take me"));

        var run = await DrainAsync(host);

        Assert.Equal(1, run[DeliveryOutcome.DeadLettered]);
        var entry = Assert.Single(await host.GetRequiredService<DeadLetters>().ListAsync());
        Assert.Equal("no exchange will take me", entry.Reason);
    }

    private ServiceProvider Host(bool bindParkingQueue)
    {
        var host = FixtureHost.Services(estuary => estuary.UseRabbitMq(TestBroker.Factory.Uri.ToString(), rabbit =>
        {
            rabbit.AddChannel(DeliveryChannels.Work, channel =>
            {
                channel.Queue = _work;
                channel.DeadLetterExchange = _exchange;
            });
            rabbit.DeclareExchange(_exchange, ExchangeType.Direct).DeclareQueue(_parked);
            if (bindParkingQueue)
            {
                rabbit.Bind(_exchange, _parked, _work);
            }
        })).BuildServiceProvider();
        _hosts.Add(host);
        return host;
    }

    private static Task<ConsumerRunResult> DrainAsync(IServiceProvider host) =>
        host.GetRequiredService<EstuaryConsumers>().RunAsync(DeliveryChannels.Work, new ConsumerLimits { StopWhenEmpty = true });

    private static Dictionary<string, string> Text(IDictionary<string, object?> headers)
    {
        var text = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            if (value is byte[] bytes)
            {
                text[name] = Encoding.UTF8.GetString(bytes);
            }
        }

        return text;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await broker.Admin.QueueDeleteAsync(_work, ifUnused: false, ifEmpty: false);
        await broker.Admin.QueueDeleteAsync(_parked, ifUnused: false, ifEmpty: false);
        await broker.Admin.ExchangeDeleteAsync(_exchange, ifUnused: false);
    }
}
