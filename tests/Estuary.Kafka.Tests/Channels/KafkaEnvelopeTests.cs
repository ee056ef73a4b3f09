using System;
using System.Collections.Generic;
using System.Text;
using Confluent.Kafka;
using Estuary.Channels;
using Xunit;

namespace Estuary.Kafka.Tests.Channels;

/// <summary>The envelope as a Kafka record and back, without a cluster.</summary>
public sealed class KafkaEnvelopeTests
{
    [Fact]
    public void Every_field_of_the_envelope_survives_the_record()
    {
        var sent = new ChannelMessage
        {
            MessageId = Guid.NewGuid(),
            EndpointId = "orders.place",
            MessageName = "shop.place-order",
            Payload = """{"OrderId":"o-1"}"""u8.ToArray(),
            Headers = new Dictionary<string, string> { ["note"] = "Zürich → 東京", [MessageHeaderNames.PartitionKey] = "order-1", ["received-offset"] = "41" },
            AvailableAt = DateTimeOffset.Parse("2026-12-06T10:00:00.1234567+00:00", System.Globalization.CultureInfo.InvariantCulture),
            ExpiresAt = DateTimeOffset.Parse("2026-12-07T10:00:00+00:00", System.Globalization.CultureInfo.InvariantCulture),
            Priority = 7,
            Attempts = 2,
        };

        var record = KafkaEnvelope.Write(sent);
        var (read, error) = KafkaEnvelope.Read(Consumed(record));

        Assert.Null(error);
        Assert.Equal("order-1", Encoding.UTF8.GetString(record.Key!));
        Assert.Equal((sent.MessageId, sent.EndpointId, sent.MessageName), (read.MessageId, read.EndpointId, read.MessageName));
        Assert.Equal((sent.AvailableAt, sent.ExpiresAt, sent.Priority, sent.Attempts), (read.AvailableAt, read.ExpiresAt, read.Priority, read.Attempts));
        Assert.Equal("Zürich → 東京", read.Headers["note"]);
        Assert.Equal("order-1", read.PartitionKey);
        Assert.Equal(sent.Payload.ToArray(), read.Payload.ToArray());

        // Where the message was received from last time is not written; where this record was read from is.
        Assert.False(record.Headers.TryGetLastBytes("received-offset", out _));
        Assert.Equal(("orders", "0", "0"), (read.Headers["received-topic"], read.Headers["received-partition"], read.Headers["received-offset"]));
    }

    [Fact]
    public void A_message_without_a_partition_key_is_keyed_by_its_id()
    {
        var id = Guid.NewGuid();

        var record = KafkaEnvelope.Write(new ChannelMessage { MessageId = id, EndpointId = "e" });

        Assert.Equal(id.ToString("D"), Encoding.UTF8.GetString(record.Key!));
    }

    [Fact]
    public void A_record_of_Estuary_whose_message_id_is_not_a_UUID_is_a_read_error()
    {
        var record = new Message<byte[]?, byte[]?> { Value = "{}"u8.ToArray(), Headers = new Headers { { "endpoint-id", "e"u8.ToArray() }, { "message-id", "nope"u8.ToArray() } } };

        var (_, error) = KafkaEnvelope.Read(Consumed(record));

        Assert.Contains("message id 'nope' is not a UUID", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_foreign_record_without_a_message_id_gets_the_same_id_each_time_it_is_read()
    {
        var record = new Message<byte[]?, byte[]?> { Value = "{}"u8.ToArray(), Headers = [] };

        var first = KafkaEnvelope.Read(Consumed(record, offset: 9)).Message;
        var again = KafkaEnvelope.Read(Consumed(record, offset: 9)).Message;
        var next = KafkaEnvelope.Read(Consumed(record, offset: 10)).Message;

        Assert.Equal(string.Empty, first.EndpointId);
        Assert.Equal(first.MessageId, again.MessageId);
        Assert.NotEqual(first.MessageId, next.MessageId);
    }

    private static ConsumeResult<byte[]?, byte[]?> Consumed(Message<byte[]?, byte[]?> message, long offset = 0) => new()
    {
        Message = message,
        TopicPartitionOffset = new TopicPartitionOffset("orders", 0, offset),
    };
}
