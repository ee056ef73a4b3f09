using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Estuary.Channels;

namespace Estuary.Kafka;

/// <summary>
/// The wire envelope (<see cref="ChannelMessage"/>) as a Kafka record: the payload is the value, the
/// partition key (else the message id) is the key, and every header is a UTF-8 Kafka header, with the
/// envelope's own fields as headers of their own (<c>message-id</c>, <c>message-name</c>, <c>endpoint-id</c>,
/// <c>attempts</c>, <c>available-at</c>, <c>expires-at</c>, <c>priority</c>). Reading accepts another
/// program's records: without <c>endpoint-id</c> a record names no endpoint (the channel's default endpoint
/// takes it), and a record without a UUID message id gets a stable one. A read record's topic, partition and
/// offset become its <c>received-topic</c>, <c>received-partition</c> and <c>received-offset</c> headers,
/// which are never written back to a record. What cannot be read (a header that
/// is not UTF-8) is a read error of that record, reported with whatever could be read.
/// </summary>
internal static class KafkaEnvelope
{
    public const string EndpointIdHeader = "endpoint-id";
    public const string AttemptsHeader = "attempts";
    public const string AvailableAtHeader = "available-at";
    public const string ExpiresAtHeader = "expires-at";
    public const string PriorityHeader = "priority";
    public const string TopicHeader = MessageHeaderNames.ReceivedPrefix + "topic";
    public const string PartitionHeader = MessageHeaderNames.ReceivedPrefix + "partition";
    public const string OffsetHeader = MessageHeaderNames.ReceivedPrefix + "offset";

    private static readonly UTF8Encoding s_strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The record to produce for <paramref name="message"/>.</summary>
    public static Message<byte[]?, byte[]?> Write(ChannelMessage message)
    {
        var headers = new Headers();
        foreach (var (name, value) in message.Headers)
        {
            // The id and name are written from the envelope's fields; where a message was received from is not the message's.
            if (name is not (MessageHeaderNames.MessageId or MessageHeaderNames.MessageName) && !name.StartsWith(MessageHeaderNames.ReceivedPrefix, StringComparison.Ordinal))
            {
                headers.Add(name, Encoding.UTF8.GetBytes(value));
            }
        }

        headers.Add(MessageHeaderNames.MessageId, Encoding.UTF8.GetBytes(message.MessageId.ToString("D")));
        if (message.MessageName is { } name2)
        {
            headers.Add(MessageHeaderNames.MessageName, Encoding.UTF8.GetBytes(name2));
        }

        headers.Add(EndpointIdHeader, Encoding.UTF8.GetBytes(message.EndpointId));
        if (message.Attempts > 0)
        {
            headers.Add(AttemptsHeader, Invariant(message.Attempts));
        }

        if (message.Priority != 0)
        {
            headers.Add(PriorityHeader, Invariant(message.Priority));
        }

        if (message.AvailableAt is { } availableAt)
        {
            headers.Add(AvailableAtHeader, Encoding.UTF8.GetBytes(availableAt.ToString("O", CultureInfo.InvariantCulture)));
        }

        if (message.ExpiresAt is { } expiresAt)
        {
            headers.Add(ExpiresAtHeader, Encoding.UTF8.GetBytes(expiresAt.ToString("O", CultureInfo.InvariantCulture)));
        }

        return new Message<byte[]?, byte[]?>
        {
            Key = Encoding.UTF8.GetBytes(message.PartitionKey ?? message.MessageId.ToString("D")),
            Value = message.Payload.IsEmpty ? [] : message.Payload.ToArray(),
            Headers = headers,
        };
    }

    /// <summary>The envelope of a consumed record, and why it could not be read entirely (null: it could).</summary>
    public static (ChannelMessage Message, Exception? ReadError) Read(ConsumeResult<byte[]?, byte[]?> record)
    {
        string? problem = null;
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var header in record.Message.Headers ?? [])
        {
            var bytes = header.GetValueBytes();
            if (bytes is null)
            {
                continue;
            }

            try
            {
                headers[header.Key] = s_strict.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                problem ??= $"header '{header.Key}' is not UTF-8 text";
            }
        }

        if (!headers.ContainsKey(MessageHeaderNames.PartitionKey) && record.Message.Key is { Length: > 0 } key && Text(key) is { } keyText)
        {
            headers[MessageHeaderNames.PartitionKey] = keyText;
        }

        headers[TopicHeader] = record.Topic;
        headers[PartitionHeader] = record.Partition.Value.ToString(CultureInfo.InvariantCulture);
        headers[OffsetHeader] = record.Offset.Value.ToString(CultureInfo.InvariantCulture);
        var foreign = !headers.Remove(EndpointIdHeader, out var addressedTo);
        headers.TryGetValue(MessageHeaderNames.MessageId, out var id);
        if (!Guid.TryParse(id, out var messageId))
        {
            if (foreign)
            {
                // Another program's record: the same id, or else the same record read again, gives the same UUID.
                messageId = StableMessageIds.From("estuary.kafka.message-id", id ?? $"{record.Topic}/{record.Partition.Value}/{record.Offset.Value}");
                headers[MessageHeaderNames.MessageId] = messageId.ToString("D");
            }
            else
            {
                problem ??= id is null ? "it has no message id" : $"its message id '{id}' is not a UUID";
                messageId = StableMessageIds.From("estuary.kafka.record", $"{record.Topic}/{record.Partition.Value}/{record.Offset.Value}");
            }
        }

        var message = new ChannelMessage
        {
            MessageId = messageId,
            EndpointId = addressedTo ?? string.Empty,
            MessageName = headers.TryGetValue(MessageHeaderNames.MessageName, out var named) ? named : null,
            Payload = record.Message.Value ?? ReadOnlyMemory<byte>.Empty,
            Headers = headers,
            Attempts = Number(headers, AttemptsHeader),
            Priority = Number(headers, PriorityHeader),
            AvailableAt = Instant(headers, AvailableAtHeader),
            ExpiresAt = Instant(headers, ExpiresAtHeader),
        };
        return (message, problem is null ? null : new FormatException($"The Kafka record at {record.TopicPartitionOffset} cannot be read as an Estuary message: {problem}."));
    }

    private static byte[] Invariant(int value) => Encoding.UTF8.GetBytes(value.ToString(CultureInfo.InvariantCulture));

    private static string? Text(byte[] bytes)
    {
        try
        {
            return s_strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static int Number(Dictionary<string, string> headers, string name) =>
        headers.Remove(name, out var text) && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static DateTimeOffset? Instant(Dictionary<string, string> headers, string name) =>
        headers.Remove(name, out var text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant) ? instant : null;
}
