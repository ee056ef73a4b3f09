using System;
using System.Linq;
using System.Threading.Tasks;
using Confluent.Kafka;
using Estuary.Testing.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Kafka.Tests.Channels;

/// <summary>
/// Records another program wrote with a plain Confluent.Kafka producer: read by the channel's message
/// consumer with their key; the same foreign message id twice is one message; a record that cannot be
/// read is dead-lettered with the reason, and the records after it are handled.
/// </summary>
public sealed class InteropTests : IAsyncLifetime
{
    private readonly string _topic = KafkaTestCluster.Unique("crm");
    private ServiceProvider _host = null!;

    [Fact]
    public async Task A_plain_JSON_record_is_handled_by_the_message_consumer_with_its_key_partition_and_offset()
    {
        await ProduceAsync("c-1", """{"CustomerId":"c-1","Name":"Ada"}""");

        var run = await DrainAsync();

        Assert.Equal(1, run[DeliveryOutcome.Handled]);
        Assert.Equal(["customer c-1 Ada key=c-1 at=0/0"], Log());
    }

    [Fact]
    public async Task The_same_foreign_message_id_twice_is_handled_once()
    {
        await ProduceAsync("c-2", """{"CustomerId":"c-2","Name":"Grace"}""", ("message-id", "crm-42"u8.ToArray()));
        await ProduceAsync("c-2", """{"CustomerId":"c-2","Name":"Grace"}""", ("message-id", "crm-42"u8.ToArray()));

        var run = await DrainAsync();

        Assert.Equal((1, 1), (run[DeliveryOutcome.Handled], run[DeliveryOutcome.Duplicate]));
        Assert.Equal(["customer c-2 Grace key=c-2 at=0/0"], Log());
    }

    [Fact]
    public async Task Records_with_a_header_that_is_not_text_or_a_body_that_is_not_JSON_are_dead_lettered_and_the_next_is_handled()
    {
        await ProduceAsync("c-3", """{"CustomerId":"c-3","Name":"Bad header"}""", ("tenant", [0xC3, 0x28]));
        await ProduceAsync("c-4", "not json");
        await ProduceAsync("c-5", """{"CustomerId":"c-5","Name":"Linus"}""");

        var run = await DrainAsync();

        Assert.Equal((2, 1), (run[DeliveryOutcome.DeadLettered], run[DeliveryOutcome.Handled]));
        Assert.Equal(["customer c-5 Linus key=c-5 at=0/2"], Log());
        var reasons = (await _host.GetRequiredService<DeadLetters>().ListAsync()).Select(d => d.Reason).ToList();
        Assert.Contains(reasons, r => r.Contains("header 'tenant' is not UTF-8 text", StringComparison.Ordinal));
        Assert.Equal(2, reasons.Count);
    }

    private async Task ProduceAsync(string key, string json, params (string Name, byte[] Value)[] headers)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = KafkaTestCluster.BootstrapServers }).Build();
        var message = new Message<string, string> { Key = key, Value = json, Headers = [] };
        foreach (var (name, value) in headers)
        {
            message.Headers.Add(name, value);
        }

        await producer.ProduceAsync(_topic, message);
    }

    private Task<ConsumerRunResult> DrainAsync() =>
        _host.GetRequiredService<EstuaryConsumers>().RunAsync(ForeignRecords.Channel, new ConsumerLimits { StopWhenEmpty = true });

    private string[] Log() => _host.GetRequiredService<FragileLog>().Entries;

    public Task InitializeAsync()
    {
        KafkaTestCluster.CreateTopic(_topic, 1);
        _host = TestModuleHost.Create((name, channel) =>
        {
            if (name == ForeignRecords.Channel)
            {
                (channel.Topic, channel.GroupId) = (_topic, _topic);
            }
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
