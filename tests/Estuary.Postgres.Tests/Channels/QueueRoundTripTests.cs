using System;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using Estuary.Channels;
using Xunit;

namespace Estuary.Postgres.Tests;

public sealed class QueueRoundTripTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Received_message_keeps_every_field_and_acknowledging_removes_it()
    {
        var clock = new ManualClock();
        var channel = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options, clock);

        // Microsecond instants (10 ticks): PostgreSQL keeps timestamps to the microsecond.
        var sent = new ChannelMessage
        {
            MessageId = Guid.NewGuid(),
            EndpointId = "billing.charge",
            MessageName = "billing.charge-card",
            Payload = Encoding.UTF8.GetBytes("{\"amount\":12.5,\"currency\":\"€\"}"),
            Headers = new Dictionary<string, string>
            {
                ["estuary-correlation-id"] = Guid.NewGuid().ToString(),
                ["quote\"and\\slash"] = "line\nbreak",
                ["empty"] = "",
            },
            AvailableAt = clock.GetUtcNow().AddSeconds(-3).AddTicks(-1_234_560),
            ExpiresAt = clock.GetUtcNow().AddHours(1).AddTicks(10),
            Priority = 7,
            Attempts = 2,
        };
        await channel.SendAsync(sent, default);

        var delivery = await channel.ReceiveAsync(TimeSpan.Zero, default);

        Assert.NotNull(delivery);
        await using (delivery)
        {
            Messages.Equivalent(sent, delivery.Message);
            Assert.Equal(sent.AvailableAt, delivery.Message.AvailableAt);
            Assert.Equal(sent.ExpiresAt, delivery.Message.ExpiresAt);
            Assert.IsType<PostgresSession>(delivery.Session);
            await delivery.AcknowledgeAsync(default);
        }

        Assert.Equal(0, await database.QueuedAsync(channel.Name));
        Assert.Null(await channel.ReceiveAsync(TimeSpan.Zero, default));
    }

    [Fact]
    public async Task Message_without_payload_name_or_headers_round_trips()
    {
        var channel = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options);
        var sent = new ChannelMessage { MessageId = Guid.NewGuid(), EndpointId = "ping" };
        await channel.SendAsync(sent, default);

        await using var delivery = await channel.ReceiveAsync(TimeSpan.Zero, default);

        Assert.NotNull(delivery);
        Messages.Equivalent(sent, delivery.Message);
        Assert.Null(delivery.Message.MessageName);
        Assert.Empty(delivery.Message.Headers);
        Assert.Null(delivery.Message.ExpiresAt);
    }

    [Fact]
    public async Task Message_sent_without_available_time_is_available_from_the_send_time()
    {
        var clock = new ManualClock();
        var channel = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options, clock);
        await channel.SendAsync(Messages.Create(), default);

        await using var delivery = await channel.ReceiveAsync(TimeSpan.Zero, default);

        Assert.Equal(clock.GetUtcNow(), delivery!.Message.AvailableAt);
    }

    [Fact]
    public async Task Channels_sharing_the_table_receive_only_their_own_messages()
    {
        var orders = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options);
        var billing = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options);
        await orders.SendAsync(Messages.Create("order"), default);

        Assert.Null(await billing.ReceiveAsync(TimeSpan.Zero, default));
        await using var delivery = await orders.ReceiveAsync(TimeSpan.Zero, default);
        Assert.Equal("order", delivery!.Message.Text());
    }

    [Fact]
    public async Task Receive_returns_null_when_the_wait_ends_without_a_message()
    {
        var channel = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options);
        var started = DateTimeOffset.UtcNow;

        var delivery = await channel.ReceiveAsync(TimeSpan.FromMilliseconds(300), default);

        Assert.Null(delivery);
        Assert.InRange(DateTimeOffset.UtcNow - started, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Pending_count_includes_delayed_messages_and_messages_being_handled()
    {
        var clock = new ManualClock();
        var channel = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options, clock);
        await channel.SendAsync(Messages.Create("now"), default);
        await channel.SendAsync(Messages.Create("later", availableAt: clock.GetUtcNow().AddHours(1)), default);
        Assert.Equal(2, await channel.CountPendingAsync(default));

        await using var delivery = await channel.ReceiveAsync(TimeSpan.Zero, default);
        Assert.Equal(2, await channel.CountPendingAsync(default));
        await delivery!.AcknowledgeAsync(default);

        Assert.Equal(1, await channel.CountPendingAsync(default));
    }
}
