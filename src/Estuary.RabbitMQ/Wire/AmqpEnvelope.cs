using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Estuary.Channels;
using RabbitMQ.Client;

namespace Estuary.RabbitMQ;

/// <summary>
/// The wire envelope (<see cref="ChannelMessage"/>) as an AMQP message: the message id and name in the
/// properties (<c>message-id</c>, <c>type</c>), the payload as the body, the headers as AMQP headers with
/// text values, and the envelope's own fields as headers of their own (<c>endpoint-id</c>, <c>attempts</c>,
/// <c>available-at</c>, <c>expires-at</c>). Reading accepts what another AMQP client writes: text sent as
/// bytes, numbers and booleans (read as invariant text); what it cannot read (a nested table, no message
/// id) is a read error of that message, reported with whatever could be read.
/// </summary>
internal static class AmqpEnvelope
{
    public const string EndpointIdHeader = "endpoint-id";
    public const string AttemptsHeader = "attempts";
    public const string AvailableAtHeader = "available-at";
    public const string ExpiresAtHeader = "expires-at";

    /// <summary>The properties to publish <paramref name="message"/> with (its body is the payload); persistent.</summary>
    public static BasicProperties Write(ChannelMessage message)
    {
        var headers = new Dictionary<string, object?>(message.Headers.Count + 4, StringComparer.Ordinal);
        foreach (var (name, value) in message.Headers)
        {
            headers[name] = value;
        }

        headers[EndpointIdHeader] = message.EndpointId;
        if (message.Attempts > 0)
        {
            headers[AttemptsHeader] = message.Attempts.ToString(CultureInfo.InvariantCulture);
        }

        if (message.AvailableAt is { } availableAt)
        {
            headers[AvailableAtHeader] = availableAt.ToString("O", CultureInfo.InvariantCulture);
        }

        if (message.ExpiresAt is { } expiresAt)
        {
            headers[ExpiresAtHeader] = expiresAt.ToString("O", CultureInfo.InvariantCulture);
        }

        var properties = new BasicProperties
        {
            MessageId = message.MessageId.ToString("D"),
            Type = message.MessageName,
            ContentType = message.Headers.TryGetValue(MessageHeaderNames.ContentType, out var contentType) ? contentType : "application/json",
            Persistent = true,
            Priority = (byte)Math.Clamp(message.Priority, 0, byte.MaxValue),
            Headers = headers,
        };
        if (message.Headers.TryGetValue(MessageHeaderNames.Timestamp, out var sent) && DateTimeOffset.TryParse(sent, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
        {
            properties.Timestamp = new AmqpTimestamp(at.ToUnixTimeSeconds());
        }

        return properties;
    }

    /// <summary>
    /// The envelope of a received message, and why it could not be read entirely (null: it could). A
    /// message without <c>endpoint-id</c> is another program's: it names no endpoint (the channel's default
    /// endpoint takes it), and an id that is not a UUID is made one.
    /// </summary>
    public static (ChannelMessage Message, Exception? ReadError) Read(IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body)
    {
        string? problem = null;
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in properties.Headers ?? new Dictionary<string, object?>())
        {
            // x- headers are the broker's and its plugins' bookkeeping (x-death after a dead-lettering, the
            // client's x-dotnet-pub-seq-no...): not the message's, and often tables no handler could bind.
            if (value is null || name.StartsWith("x-", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (Text(value) is { } text)
            {
                headers[name] = text;
            }
            else
            {
                problem ??= $"header '{name}' is a {value.GetType().Name}, not a text, number or boolean";
            }
        }

        var id = properties.MessageId ?? (headers.TryGetValue(MessageHeaderNames.MessageId, out var header) ? header : null);
        var foreign = !headers.Remove(EndpointIdHeader, out var addressedTo);
        var endpointId = addressedTo ?? string.Empty;
        if (!Guid.TryParse(id, out var messageId))
        {
            if (foreign)
            {
                // Another program's ids: the same text always gives the same UUID, so its duplicates are recognised.
                messageId = id is null ? Guid.NewGuid() : StableId(id);
                headers[MessageHeaderNames.MessageId] = messageId.ToString("D");
            }
            else
            {
                problem ??= id is null ? "it has no message id" : $"its message id '{id}' is not a UUID";
                messageId = Guid.NewGuid();
            }
        }

        var attempts = headers.Remove(AttemptsHeader, out var attemptsText) && int.TryParse(attemptsText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 0;
        var message = new ChannelMessage
        {
            MessageId = messageId,
            EndpointId = endpointId,
            MessageName = properties.Type ?? (headers.TryGetValue(MessageHeaderNames.MessageName, out var named) ? named : null),
            Payload = body,
            Headers = headers,
            AvailableAt = Instant(headers, AvailableAtHeader),
            ExpiresAt = Instant(headers, ExpiresAtHeader),
            Priority = properties.Priority,
            Attempts = attempts,
        };
        return (message, problem is null ? null : new FormatException($"The AMQP message cannot be read as an Estuary message: {problem}."));
    }

    /// <summary>A name-based UUID for an AMQP message id that is not a UUID.</summary>
    internal static Guid StableId(string id) => StableMessageIds.From("estuary.amqp.message-id", id);

    // The client hands text over as bytes; numbers and booleans other programs send are read as invariant text.
    private static string? Text(object value) => value switch
    {
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        string text => text,
        bool flag => flag ? "true" : "false",
        AmqpTimestamp timestamp => DateTimeOffset.FromUnixTimeSeconds(timestamp.UnixTime).ToString("O", CultureInfo.InvariantCulture),
        IFormattable number when value is int or long or short or byte or sbyte or uint or ushort or float or double or decimal => number.ToString(null, CultureInfo.InvariantCulture),
        _ => null,
    };

    private static DateTimeOffset? Instant(Dictionary<string, string> headers, string name) =>
        headers.Remove(name, out var text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant) ? instant : null;
}
