using System;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Estuary.Tests.Channels;

public sealed class InMemoryChannelTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Higher_priority_first_then_in_order_of_sending()
    {
        var channel = new InMemoryChannel("c", _clock);
        await channel.SendAsync(Message("a"), default);
        await channel.SendAsync(Message("b", priority: 5), default);
        await channel.SendAsync(Message("c"), default);

        Assert.Equal("b", await NextEndpointAsync(channel));
        Assert.Equal("a", await NextEndpointAsync(channel));
        Assert.Equal("c", await NextEndpointAsync(channel));
        Assert.Null(await channel.ReceiveAsync(TimeSpan.Zero, default));
    }

    [Fact]
    public async Task Delayed_message_is_delivered_once_due_and_wakes_a_waiting_receiver()
    {
        var channel = new InMemoryChannel("c", _clock);
        await channel.SendAsync(Message("later", availableAt: _clock.GetUtcNow().AddMinutes(5)), default);

        Assert.Null(await channel.ReceiveAsync(TimeSpan.Zero, default));
        var waiting = channel.ReceiveAsync(TimeSpan.FromHours(1), default).AsTask();
        _clock.Advance(TimeSpan.FromMinutes(5));

        var delivery = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("later", delivery!.Message.EndpointId);
    }

    [Fact]
    public async Task Send_wakes_a_waiting_receiver()
    {
        var channel = new InMemoryChannel("c", _clock);
        var waiting = channel.ReceiveAsync(TimeSpan.FromHours(1), default).AsTask();

        await channel.SendAsync(Message("now"), default);

        Assert.Equal("now", (await waiting.WaitAsync(TimeSpan.FromSeconds(10)))!.Message.EndpointId);
    }

    [Fact]
    public async Task Expired_message_is_still_handed_out_so_the_consumer_reports_it()
    {
        var channel = new InMemoryChannel("c", _clock);
        await channel.SendAsync(Message("stale", expiresAt: _clock.GetUtcNow().AddSeconds(1)), default);
        _clock.Advance(TimeSpan.FromSeconds(1));

        await using var delivery = await channel.ReceiveAsync(TimeSpan.Zero, default);
        Assert.Equal("stale", delivery!.Message.EndpointId);
    }

    [Fact]
    public async Task A_released_message_is_taken_again_before_the_messages_sent_after_it()
    {
        var channel = new InMemoryChannel("c", _clock);
        await channel.SendAsync(Message("first"), default);
        await channel.SendAsync(Message("second"), default);

        await (await channel.ReceiveAsync(TimeSpan.Zero, default))!.DisposeAsync();

        await using var again = await channel.ReceiveAsync(TimeSpan.Zero, default);
        Assert.Equal("first", again!.Message.EndpointId);
    }

    [Fact]
    public async Task Disposing_a_delivery_without_an_outcome_puts_the_message_back_and_retry_puts_the_copy()
    {
        var channel = new InMemoryChannel("c", _clock);
        await channel.SendAsync(Message("x"), default);

        await (await channel.ReceiveAsync(TimeSpan.Zero, default))!.DisposeAsync();
        await using (var second = await channel.ReceiveAsync(TimeSpan.Zero, default))
        {
            Assert.Equal(0, second!.Message.Attempts);
            await second.RetryAsync(second.Message.ForRetry(null), default);
        }

        var third = await channel.ReceiveAsync(TimeSpan.Zero, default);
        Assert.Equal(1, third!.Message.Attempts);
        await third.AcknowledgeAsync(default);
        await third.DisposeAsync();
        Assert.Equal(0, channel.Count);
    }

    [Fact]
    public async Task Cancelling_a_waiting_receive_throws()
    {
        var channel = new InMemoryChannel("c", _clock);
        using var cancel = new CancellationTokenSource();
        var waiting = channel.ReceiveAsync(TimeSpan.FromHours(1), cancel.Token).AsTask();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static async Task<string?> NextEndpointAsync(InMemoryChannel channel)
    {
        await using var delivery = await channel.ReceiveAsync(TimeSpan.Zero, default);
        if (delivery is null)
        {
            return null;
        }

        await delivery.AcknowledgeAsync(default);
        return delivery.Message.EndpointId;
    }

    private static ChannelMessage Message(string endpoint, int priority = 0, DateTimeOffset? availableAt = null, DateTimeOffset? expiresAt = null) => new()
    {
        MessageId = Guid.NewGuid(),
        EndpointId = endpoint,
        Priority = priority,
        AvailableAt = availableAt,
        ExpiresAt = expiresAt,
    };
}
