using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
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
        // The message id's bytes serve as its header, as the key when there is no partition key, and as the
        // correlation id of a message that starts its flow: encoded once.
        var id = message.MessageId.ToString("D");
        var idBytes = Encoding.UTF8.GetBytes(id);
        var headers = new Headers();

        // Channels build headers as a Dictionary: walked through its own enumerator, nothing is boxed.
        var source = message.Headers as Dictionary<string, string> ?? new Dictionary<string, string>(message.Headers, StringComparer.Ordinal);
        foreach (var (name, value) in source)
        {
            // The id and name are written from the envelope's fields; where a message was received from is not the message's.
            if (name is not (MessageHeaderNames.MessageId or MessageHeaderNames.MessageName) && !name.StartsWith(MessageHeaderNames.ReceivedPrefix, StringComparison.Ordinal))
            {
                headers.Add(name, string.Equals(value, id, StringComparison.Ordinal) ? idBytes : Encoding.UTF8.GetBytes(value));
            }
        }

        headers.Add(MessageHeaderNames.MessageId, idBytes);
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
            Key = message.PartitionKey is { } key ? Encoding.UTF8.GetBytes(key) : idBytes,
            Value = ValueOf(message.Payload),
            Headers = headers,
        };
    }

    /// <summary>
    /// The envelope of a consumed record, and why it could not be read entirely (null: it could). With
    /// <paramref name="texts"/> (the channel's), header values that repeat from record to record share their text.
    /// </summary>
    public static (ChannelMessage Message, Exception? ReadError) Read(ConsumeResult<byte[]?, byte[]?> record, RepeatedHeaderTexts? texts = null)
    {
        string? problem = null;
        var recordHeaders = record.Message.Headers;
        var count = recordHeaders?.Count ?? 0;

        // The message id first (written last): a header or key with the same bytes, such as the correlation
        // id of a message that starts its flow, shares its text.
        var (idBytes, idText) = MessageIdOf(recordHeaders, count);

        // Sized once: the record's headers, the partition key and the three received-* headers. Values are
        // checked now and decoded when read.
        var headers = new RecordHeaders(count + 4, s_strict, texts, idBytes, idText);

        // By index: the headers' enumerator is a class.
        for (var i = 0; i < count; i++)
        {
            var header = recordHeaders![i];
            if (header.GetValueBytes() is not { } bytes)
            {
                continue;
            }

            if (Utf8.IsValid(bytes))
            {
                headers.SetBytes(header.Key, bytes);
            }
            else
            {
                problem ??= $"header '{header.Key}' is not UTF-8 text";
            }
        }

        if (!headers.ContainsKey(MessageHeaderNames.PartitionKey) && record.Message.Key is { Length: > 0 } key && KeyText(key, idBytes, idText) is { } keyText)
        {
            headers.SetText(MessageHeaderNames.PartitionKey, keyText);
        }

        headers.SetText(TopicHeader, record.Topic);
        headers.SetText(PartitionHeader, RepeatedHeaderTexts.Partition(record.Partition.Value));
        headers.SetText(OffsetHeader, record.Offset.Value.ToString(CultureInfo.InvariantCulture));
        var foreign = !headers.Remove(EndpointIdHeader, out var addressedTo);
        headers.TryGetValue(MessageHeaderNames.MessageId, out var id);
        if (!Guid.TryParse(id, out var messageId))
        {
            if (foreign)
            {
                // Another program's record: the same id, or else the same record read again, gives the same UUID.
                messageId = StableMessageIds.From("estuary.kafka.message-id", id ?? $"{record.Topic}/{record.Partition.Value}/{record.Offset.Value}");
                headers.SetText(MessageHeaderNames.MessageId, messageId.ToString("D"));
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

    // librdkafka copies the value when the record is produced, so a payload that is a whole array is given as it is.
    private static byte[] ValueOf(ReadOnlyMemory<byte> payload) =>
        MemoryMarshal.TryGetArray(payload, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : payload.ToArray();

    private static byte[] Invariant(int value) => Encoding.UTF8.GetBytes(value.ToString(CultureInfo.InvariantCulture));

    // A record keyed by its message id (Estuary's records without a partition key) shares the id's text.
    private static string? KeyText(byte[] key, byte[]? idBytes, string? idText) =>
        idText is not null && key.AsSpan().SequenceEqual(idBytes) ? idText : Text(key);

    /// <summary>The message id header's bytes and text, found from the end (Estuary writes it after the others); null when absent or not UTF-8.</summary>
    private static (byte[]? Bytes, string? Text) MessageIdOf(Headers? recordHeaders, int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            var header = recordHeaders![i];
            if (header.Key == MessageHeaderNames.MessageId && header.GetValueBytes() is { } bytes)
            {
                return Text(bytes) is { } text ? (bytes, text) : (null, null);
            }
        }

        return (null, null);
    }

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

    private static int Number(RecordHeaders headers, string name) =>
        headers.Remove(name, out var text) && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static DateTimeOffset? Instant(RecordHeaders headers, string name) =>
        headers.Remove(name, out var text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant) ? instant : null;
}
