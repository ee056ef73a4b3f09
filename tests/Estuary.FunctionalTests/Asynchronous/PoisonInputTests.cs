using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Xunit;

namespace Estuary.FunctionalTests.Asynchronous;

/// <summary>Unusable messages, as a non-Estuary producer might write them: each goes to the dead letter with its reason, and the consumer goes on.</summary>
public sealed class PoisonInputTests
{
    [Fact]
    public async Task Every_kind_of_unusable_message_is_dead_lettered_with_its_reason_and_the_consumer_keeps_consuming()
    {
        await using var host = AsyncTestHost.Create();
        var channel = host.Channel(AsyncChannels.Reminders);
        await Send(channel, "reminders.gone", "{}", name: typeof(SendReminder).FullName);
        await Send(channel, "reminders.send", "{}", name: "no.such.message");
        await Send(channel, "reminders.send", "{\"Customer\": ", name: typeof(SendReminder).FullName);
        await Send(channel, "reminders.send", new string('x', 5 * 1024 * 1024), name: typeof(SendReminder).FullName);
        await Send(channel, "reminders.audit", "{\"Entry\":\"login\"}", name: typeof(AuditTrail).FullName);
        await Send(channel, "reminders.send", "{\"Entry\":\"login\"}", name: typeof(AuditTrail).FullName);
        await Send(channel, "reminders.audit", "{\"Entry\":\"logout\"}", name: typeof(AuditTrail).FullName, headers: new() { ["user"] = "ada" });

        var run = await host.Drain(AsyncChannels.Reminders);

        Assert.Equal(6, run[DeliveryOutcome.DeadLettered]);
        Assert.Equal(1, run[DeliveryOutcome.Handled]);
        Assert.Equal(["audit logout by ada"], host.Log());

        var reasons = (await host.DeadLetters().ListAsync()).Select(d => d.Reason).ToArray();
        Assert.Contains(reasons, r => r.Contains("No asynchronous endpoint 'reminders.gone'", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("Unknown message name 'no.such.message'", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("not valid JSON", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("MaxPayloadBytes", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("'user'", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("does not accept", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unusable_input_is_not_retried()
    {
        await using var host = AsyncTestHost.Create();
        await Send(host.Channel(AsyncChannels.Reminders), "reminders.audit", "{\"Entry\":\"login\"}", name: typeof(AuditTrail).FullName);

        var run = await host.Drain(AsyncChannels.Reminders);

        Assert.Equal(1, run.Received);
        Assert.Equal(1, run[DeliveryOutcome.DeadLettered]);
        Assert.Equal(0, host.Channel(AsyncChannels.Reminders).Count);
    }

    private static ValueTask Send(InMemoryChannel channel, string endpointId, string json, string? name, Dictionary<string, string>? headers = null) =>
        channel.SendAsync(
            new ChannelMessage
            {
                MessageId = Guid.NewGuid(),
                EndpointId = endpointId,
                MessageName = name,
                Payload = Encoding.UTF8.GetBytes(json),
                Headers = headers ?? [],
            },
            CancellationToken.None);
}
