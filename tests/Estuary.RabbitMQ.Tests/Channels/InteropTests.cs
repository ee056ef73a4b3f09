using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Estuary.Fixtures.Delivery;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using Xunit;

namespace Estuary.RabbitMQ.Tests.Channels;

/// <summary>
/// A program written with RabbitMQ.Client alone, and no Estuary code, talks to an Estuary host in the
/// documented wire format (docs/wire-format.md, AMQP): both ways, and through topology declared in code.
/// </summary>
public sealed class InteropTests(TestBroker broker) : IClassFixture<TestBroker>, IAsyncLifetime
{
    private readonly List<ServiceProvider> _hosts = [];
    private readonly List<string> _queues = [];
    private readonly List<string> _exchanges = [];

    [Fact]
    public async Task A_plain_client_publishing_to_an_exchange_bound_in_code_reaches_the_estuary_handler()
    {
        var exchange = TestBroker.Unique("shop.events");
        _exchanges.Add(exchange);
        var host = CreateHost(rabbit => rabbit.DeclareExchange(exchange, ExchangeType.Topic).Bind(exchange, Queue, "order.*"));
        await PendingAsync(host); // the host declares its topology on first use

        var properties = new BasicProperties
        {
            MessageId = Guid.NewGuid().ToString(),
            Type = typeof(Ranked).FullName,
            ContentType = "application/json",
            Persistent = true,
            Headers = new Dictionary<string, object?> { ["endpoint-id"] = "delivery.ranked", ["note"] = "from a plain client" },
        };
        await broker.Admin.BasicPublishAsync(exchange, "order.placed", mandatory: true, properties, Encoding.UTF8.GetBytes("""{"Label":"plain"}"""));

        var run = await DrainAsync(host);

        Assert.Equal(1, run[DeliveryOutcome.Handled]);
        Assert.Equal(["ranked plain"], host.GetRequiredService<DeliveryLog>().Entries);
    }

    [Fact]
    public async Task A_message_an_estuary_host_sends_is_read_by_a_plain_client_as_the_wire_format_says()
    {
        var host = CreateHost();
        await host.GetRequiredService<ICommandBus>().SendAsync(new Ranked("for a plain client"), new MessageHeaders { ["tenant"] = "Zürich" });

        var got = await broker.Admin.BasicGetAsync(Queue, autoAck: true) ?? throw new InvalidOperationException("The message is not in the queue.");

        var properties = got.BasicProperties;
        Assert.True(Guid.TryParse(properties.MessageId, out _));
        Assert.Equal(typeof(Ranked).FullName, properties.Type);
        Assert.Equal("application/json", properties.ContentType);
        Assert.Equal(DeliveryModes.Persistent, properties.DeliveryMode);
        var headers = properties.Headers!.ToDictionary(h => h.Key, h => h.Value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : h.Value);
        Assert.Equal("delivery.ranked", headers["endpoint-id"]);
        Assert.Equal("Zürich", headers["tenant"]);
        Assert.Equal(properties.MessageId, headers["message-id"]);
        Assert.Equal(typeof(Ranked).FullName, headers["message-name"]);
        Assert.Equal("""{"Label":"for a plain client"}""", Encoding.UTF8.GetString(got.Body.Span));
    }

    [Fact]
    public async Task A_queue_another_program_fills_in_its_own_format_is_handled_by_the_channels_default_endpoint()
    {
        var host = CreateHost(configureChannel: channel => channel.Consumer.DefaultEndpointId = "delivery.annotated");
        await PendingAsync(host);

        await PublishForeignAsync("""{"Label":"first"}""", messageId: "crm-1", note: "from the crm");
        await PublishForeignAsync("""{"Label":"first"}""", messageId: "crm-1", note: "from the crm");   // the program sent it twice
        await PublishForeignAsync("""{"Label":"second"}""", messageId: null, note: null);
        await PublishForeignAsync("not json", messageId: "crm-2", note: null);
        var run = await DrainAsync(host);

        Assert.Equal(2, run[DeliveryOutcome.Handled]);
        Assert.Equal(1, run[DeliveryOutcome.Duplicate]);
        Assert.Equal(1, run[DeliveryOutcome.DeadLettered]);
        Assert.Equal(["first: from the crm", "second: -"], host.GetRequiredService<DeliveryLog>().Entries);
        Assert.Contains("not valid JSON", Assert.Single(await host.GetRequiredService<DeadLetters>().ListAsync()).Reason, StringComparison.Ordinal);
    }

    private async Task PublishForeignAsync(string body, string? messageId, string? note)
    {
        var properties = new BasicProperties { MessageId = messageId, ContentType = "application/json" };
        if (note is not null)
        {
            properties.Headers = new Dictionary<string, object?> { ["note"] = note };
        }

        await broker.Admin.BasicPublishAsync(string.Empty, Queue, mandatory: true, properties, Encoding.UTF8.GetBytes(body));
    }

    [Fact]
    public async Task A_plain_client_sends_a_distributed_command_to_an_estuary_service()
    {
        var host = CreateHost(distributed: estuary => estuary.UseDistributedBus("delivery", map => map.AddService("delivery", DeliveryChannels.Work)));
        await PendingAsync(host);

        var properties = new BasicProperties
        {
            MessageId = Guid.NewGuid().ToString(),
            ContentType = "application/json",
            Persistent = true,
            Headers = new Dictionary<string, object?>
            {
                ["endpoint-id"] = "estuary.distributed",
                ["distributed-kind"] = "command",
                ["routing-key"] = DistributedHandlers.NoteKey,
                ["source-service"] = "legacy-crm",
            },
        };
        await broker.Admin.BasicPublishAsync(string.Empty, Queue, mandatory: true, properties, Encoding.UTF8.GetBytes("""{"Label":"plain"}"""));

        var run = await DrainAsync(host);

        Assert.Equal(1, run[DeliveryOutcome.Handled]);
        Assert.Equal(["note plain from legacy-crm"], host.GetRequiredService<DeliveryLog>().Entries);
    }

    [Fact]
    public async Task A_plain_client_reads_a_distributed_command_an_estuary_service_sends()
    {
        var host = CreateHost(distributed: estuary => estuary.UseDistributedBus("shop", map => map.AddService("crm", DeliveryChannels.Work)));

        await host.GetRequiredService<IDistributedBus>().SendCommandAsync("crm", "crm.register", new DistributedNote("for crm"), new MessageHeaders { ["tenant"] = "Zürich" });

        var got = await broker.Admin.BasicGetAsync(Queue, autoAck: true) ?? throw new InvalidOperationException("The message is not in the queue.");
        var headers = got.BasicProperties.Headers!.ToDictionary(h => h.Key, h => h.Value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : h.Value);
        Assert.Equal("estuary.distributed", headers["endpoint-id"]);
        Assert.Equal("command", headers["distributed-kind"]);
        Assert.Equal("crm.register", headers["routing-key"]);
        Assert.Equal("shop", headers["source-service"]);
        Assert.Equal("crm", headers["target-service"]);
        Assert.Equal("Zürich", headers["tenant"]);
        Assert.Null(got.BasicProperties.Type);
        Assert.Equal("""{"Label":"for crm"}""", Encoding.UTF8.GetString(got.Body.Span));
    }

    [Fact]
    public async Task A_queue_that_exists_with_other_arguments_fails_the_first_send_with_the_queue_named()
    {
        var host = CreateHost(configureChannel: channel => channel.MaxPriority = 5);
        await broker.Admin.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false, arguments: null);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.GetRequiredService<ICommandBus>().SendAsync(new Ranked("refused")));

        Assert.Contains($"queue '{Queue}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("PRECONDITION_FAILED", error.Message, StringComparison.Ordinal);
    }

    private string Queue => _queues[^1];

    private ServiceProvider CreateHost(
        Action<RabbitMqBuilder>? topology = null, Action<RabbitMqChannelOptions>? configureChannel = null, Action<EstuaryBuilder>? distributed = null)
    {
        var queue = TestBroker.Unique("interop");
        _queues.Add(queue);
        var host = FixtureHost.Services(estuary =>
        {
            estuary.UseRabbitMq(TestBroker.Factory.Uri.ToString(), rabbit =>
            {
                rabbit.AddChannel(DeliveryChannels.Work, channel =>
                {
                    channel.Queue = queue;
                    configureChannel?.Invoke(channel);
                });
                topology?.Invoke(rabbit);
            });
            distributed?.Invoke(estuary);
        }).BuildServiceProvider();
        _hosts.Add(host);
        return host;
    }

    private static Task<ConsumerRunResult> DrainAsync(IServiceProvider host) =>
        host.GetRequiredService<EstuaryConsumers>().RunAsync(DeliveryChannels.Work, new ConsumerLimits { StopWhenEmpty = true });

    private static ValueTask<long> PendingAsync(IServiceProvider host) =>
        ((IInspectableChannel)host.GetRequiredService<EstuaryConsumers>().Channel(DeliveryChannels.Work)).CountPendingAsync(CancellationToken.None);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        foreach (var queue in _queues)
        {
            await broker.Admin.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
        }

        foreach (var exchange in _exchanges)
        {
            await broker.Admin.ExchangeDeleteAsync(exchange, ifUnused: false);
        }
    }
}
