using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Fixtures.Delivery;

// Messages that are wrong in themselves, and the headers a handler sees.
public abstract partial class DeliveryContract
{
    [Fact]
    public async Task A_message_whose_constructor_throws_is_dead_lettered_with_its_attempt_and_the_next_one_is_handled()
    {
        var host = CreateHost();
        await SendRawAsync(host, "delivery.transfer", """{"Account":"nl-1","Amount":-5}""", typeof(Transfer).FullName);
        await SendRawAsync(host, "delivery.transfer", """{"Account":"nl-2","Amount":7}""", typeof(Transfer).FullName);

        var run = await DrainAsync(host);

        Assert.Equal((2, 1, 1), (run.Received, run[DeliveryOutcome.DeadLettered], run[DeliveryOutcome.Handled]));
        Assert.Equal(["booked nl-2 7"], Log(host));
        var dead = Assert.Single(await DeadLettersOf(host).ListAsync());
        Assert.Contains("A transfer moves a positive amount", dead.Reason, StringComparison.Ordinal);
        Assert.Equal(1, dead.Message.Attempts);
    }

    [Fact]
    public async Task A_payload_over_the_channel_limit_is_dead_lettered_with_its_bytes_as_sent()
    {
        var host = CreateHost(work => work.MaxPayloadBytes = 64);
        var large = $$"""{"Account":"{{new string('x', 100)}}","Amount":1}""";
        await SendRawAsync(host, "delivery.transfer", large, typeof(Transfer).FullName);
        await SendRawAsync(host, "delivery.transfer", """{"Account":"nl-9","Amount":9}""", typeof(Transfer).FullName);

        var run = await DrainAsync(host);

        Assert.Equal((2, 1, 1), (run.Received, run[DeliveryOutcome.DeadLettered], run[DeliveryOutcome.Handled]));
        var dead = Assert.Single(await DeadLettersOf(host).ListAsync());
        Assert.Contains("MaxPayloadBytes", dead.Reason, StringComparison.Ordinal);
        Assert.Equal(large, System.Text.Encoding.UTF8.GetString(dead.Message.Payload.Span));
        Assert.Equal(0, await PendingAsync(host));
    }

    [Fact]
    public async Task A_send_over_the_channel_limit_is_refused_at_the_sender()
    {
        var host = CreateHost(work => work.MaxPayloadBytes = 64);

        var error = await Assert.ThrowsAsync<MessageTooLargeException>(async () =>
            await host.GetRequiredService<ICommandBus>().SendAsync(new Transfer(new string('x', 100), 1)));

        Assert.Contains("MaxPayloadBytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await PendingAsync(host));
    }

    [Fact]
    public async Task Handlers_see_the_reserved_headers_of_their_message_and_its_sent_time_and_none_of_them_propagate()
    {
        var host = CreateHost();
        const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        await SendRawAsync(host, "delivery.inspect", """{"Label":"a"}""", typeof(InspectHeaders).FullName, new()
        {
            [MessageHeaderNames.Replayed] = "true",
            [MessageHeaderNames.MessageName] = typeof(InspectHeaders).FullName!,
            [MessageHeaderNames.TraceParent] = TraceParent,
            [MessageHeaderNames.AggregateId] = "order-7",
            [MessageHeaderNames.Timestamp] = "2026-01-02T03:04:05.0000000+00:00",
            ["tenant"] = "eu-1",
        });

        await DrainAsync(host);
        await DrainAsync(host, DeliveryChannels.Next);

        Assert.Equal(
            [
                $"a: replayed=true name={typeof(InspectHeaders).FullName} traceparent={TraceParent} aggregate=order-7 all=True/True sent=2026-01-02T03:04:05.0000000+00:00",
                "next a: replayed=- aggregate=- tenant=eu-1",
            ],
            Log(host));
    }

    [Fact]
    public async Task An_expired_message_is_reported_expired_and_not_handled()
    {
        var host = CreateHost();
        await SendRawAsync(host, "delivery.transfer", """{"Account":"nl-3","Amount":1}""", typeof(Transfer).FullName, expiresAt: DateTimeOffset.UtcNow.AddSeconds(-1));

        var run = await DrainAsync(host);

        Assert.Equal((1, 1), (run.Received, run[DeliveryOutcome.Expired]));
        Assert.Empty(Log(host));
        Assert.Equal(0, await PendingAsync(host));
        Assert.Equal(0, await DeadLettersOf(host).CountAsync());
    }

    [Fact]
    public async Task Each_attempt_starts_from_the_received_headers_in_a_scope_of_its_own_and_every_scope_is_disposed()
    {
        var host = CreateHost();
        await SendRawAsync(host, "delivery.scope", """{"Label":"s"}""", typeof(TouchScope).FullName);

        var run = await DrainAsync(host);

        Assert.Equal(1, run[DeliveryOutcome.Handled]);
        var attempts = Log(host).Where(l => l.StartsWith("attempt with ", StringComparison.Ordinal)).Select(l => l["attempt with ".Length..]).ToArray();
        Assert.Equal(2, attempts.Distinct().Count());
        Assert.Equal(attempts.Order(), Log(host).Where(l => l.StartsWith("disposed ", StringComparison.Ordinal)).Select(l => l["disposed ".Length..]).Order());
        Assert.Equal(["attempt sees stage none", "attempt sees stage none"], Log(host).Where(l => l.StartsWith("attempt sees ", StringComparison.Ordinal)));
    }
}
