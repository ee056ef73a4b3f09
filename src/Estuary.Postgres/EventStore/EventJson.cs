using System;
using System.Buffers;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace Estuary.Postgres;

/// <summary>
/// The JSON the event store writes besides payloads: event metadata, stream metadata and the array of
/// events a multi-event append sends. Written and read with the low-level writer and reader: no
/// serializer metadata, nothing to trim, and payloads are copied as they are.
/// </summary>
internal static class EventJson
{
    private static readonly byte[] s_emptyObject = "{}"u8.ToArray();
    private static readonly JsonEncodedText s_correlationId = JsonEncodedText.Encode("correlation_id");
    private static readonly JsonEncodedText s_causationId = JsonEncodedText.Encode("causation_id");
    private static readonly JsonEncodedText s_aggregateId = JsonEncodedText.Encode("aggregate_id");
    private static readonly JsonEncodedText s_aggregateType = JsonEncodedText.Encode("aggregate_type");
    private static readonly JsonEncodedText s_aggregateVersion = JsonEncodedText.Encode("aggregate_version");
    private static readonly JsonEncodedText s_headers = JsonEncodedText.Encode("headers");
    private static readonly JsonEncodedText s_id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText s_type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText s_revision = JsonEncodedText.Encode("revision");
    private static readonly JsonEncodedText s_data = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText s_metadata = JsonEncodedText.Encode("metadata");

    /// <summary>Refuses a payload that is not exactly one JSON value, before anything is sent.</summary>
    /// <remarks>
    /// jsonb would refuse it too, but only with a server error naming no event; and a multi-event append
    /// embeds payloads in one JSON array, where an unchecked payload could add properties of its own.
    /// </remarks>
    public static void ValidatePayload(EventData data, int index)
    {
        var reader = new Utf8JsonReader(data.Data.Span);
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException error)
        {
            throw new ArgumentException(
                $"Event {index} ('{data.Type}', id {data.EventId}) has data that is not a JSON value: {error.Message} The PostgreSQL event store keeps payloads as jsonb: pass UTF-8 JSON.",
                "events",
                error);
        }
    }

    /// <summary>The event metadata as a JSON object; missing values are left out.</summary>
    public static byte[] WriteMetadata(EventMetadata metadata)
    {
        if (metadata.Equals(EventMetadata.Empty))
        {
            return s_emptyObject;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteMetadata(writer, metadata);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The events of a multi-event append as one JSON array, which the append statement expands into rows:
    /// <c>[{"id": ..., "type": ..., "revision": ..., "data": ..., "metadata": {...}}, ...]</c>.
    /// </summary>
    public static ReadOnlyMemory<byte> WriteEvents(IReadOnlyList<EventData> events)
    {
        var size = 64;
        foreach (var data in events)
        {
            size += data.Data.Length + 128;
        }

        var buffer = new ArrayBufferWriter<byte>(size);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var data in events)
            {
                writer.WriteStartObject();
                writer.WriteString(s_id, data.EventId);
                writer.WriteString(s_type, data.Type);
                writer.WriteNumber(s_revision, data.Revision);
                writer.WritePropertyName(s_data);

                // Checked by ValidatePayload already.
                writer.WriteRawValue(data.Data.Span, skipInputValidation: true);
                writer.WritePropertyName(s_metadata);
                WriteMetadata(writer, data.Metadata);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenMemory;
    }

    /// <summary>Reads metadata written by <see cref="WriteMetadata(EventMetadata)"/>; unknown properties are skipped.</summary>
    public static EventMetadata ReadMetadata(byte[] json, string streamId, long version)
    {
        if (json.AsSpan().SequenceEqual(s_emptyObject))
        {
            return EventMetadata.Empty;
        }

        try
        {
            var reader = new Utf8JsonReader(json);
            Expect(ref reader, JsonTokenType.StartObject);
            string? correlationId = null, causationId = null, aggregateId = null, aggregateType = null;
            long? aggregateVersion = null;
            IReadOnlyDictionary<string, string>? headers = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(s_correlationId.EncodedUtf8Bytes))
                {
                    correlationId = ReadText(ref reader);
                }
                else if (reader.ValueTextEquals(s_causationId.EncodedUtf8Bytes))
                {
                    causationId = ReadText(ref reader);
                }
                else if (reader.ValueTextEquals(s_aggregateId.EncodedUtf8Bytes))
                {
                    aggregateId = ReadText(ref reader);
                }
                else if (reader.ValueTextEquals(s_aggregateType.EncodedUtf8Bytes))
                {
                    aggregateType = ReadText(ref reader);
                }
                else if (reader.ValueTextEquals(s_aggregateVersion.EncodedUtf8Bytes))
                {
                    reader.Read();
                    aggregateVersion = reader.TokenType == JsonTokenType.Null ? null : reader.GetInt64();
                }
                else if (reader.ValueTextEquals(s_headers.EncodedUtf8Bytes))
                {
                    reader.Read();
                    headers = ReadTextObject(ref reader);
                }
                else
                {
                    // Written by a later version, or by hand: not ours to interpret.
                    reader.Read();
                    reader.Skip();
                }
            }

            return new EventMetadata
            {
                CorrelationId = correlationId,
                CausationId = causationId,
                AggregateId = aggregateId,
                AggregateType = aggregateType,
                AggregateVersion = aggregateVersion,
                Headers = headers ?? EventMetadata.Empty.Headers,
            };
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException(
                $"The metadata of event {version} of stream '{streamId}' is not the JSON object the event store writes: {error.Message} Fix the row's metadata column (e.g. '{{\"headers\": {{\"name\": \"value\"}}}}').",
                error);
        }
    }

    /// <summary>Stream metadata: a JSON object of strings.</summary>
    public static byte[] WriteTextObject(IReadOnlyDictionary<string, string> values)
    {
        if (values.Count == 0)
        {
            return s_emptyObject;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTextObject(writer, values);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads stream metadata written by <see cref="WriteTextObject(IReadOnlyDictionary{string, string})"/>.</summary>
    public static IReadOnlyDictionary<string, string> ReadTextObject(byte[] json, string streamId)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            return ReadTextObject(ref reader);
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            throw new InvalidDataException(
                $"The metadata of stream '{streamId}' is not a JSON object of strings: {error.Message} Fix the streams row's metadata column (e.g. '{{\"name\": \"value\"}}').",
                error);
        }
    }

    private static void WriteMetadata(Utf8JsonWriter writer, EventMetadata metadata)
    {
        writer.WriteStartObject();
        WriteIfSet(writer, s_correlationId, metadata.CorrelationId);
        WriteIfSet(writer, s_causationId, metadata.CausationId);
        WriteIfSet(writer, s_aggregateId, metadata.AggregateId);
        WriteIfSet(writer, s_aggregateType, metadata.AggregateType);
        if (metadata.AggregateVersion is { } version)
        {
            writer.WriteNumber(s_aggregateVersion, version);
        }

        if (metadata.Headers.Count > 0)
        {
            writer.WritePropertyName(s_headers);
            WriteTextObject(writer, metadata.Headers);
        }

        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteTextObject(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> values)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in values)
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
    }

    private static string? ReadText(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
    }

    private static IReadOnlyDictionary<string, string> ReadTextObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected an object, found {reader.TokenType}.");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"The value of '{name}' is {reader.TokenType}, not a string.");
            }

            values[name] = reader.GetString()!;
        }

        return values.Count == 0 ? FrozenDictionary<string, string>.Empty : values;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (!reader.Read() || reader.TokenType != token)
        {
            throw new JsonException($"Expected {token}, found {reader.TokenType}.");
        }
    }
}
