using System;
using System.Buffers;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Estuary.Postgres;

/// <summary>
/// Message headers as a JSON object of strings, the form of the <c>headers</c> jsonb columns. Written
/// and read with the low-level JSON writer and reader: no serializer metadata, nothing to trim.
/// </summary>
internal static class HeadersJson
{
    private const string EmptyObject = "{}";

    public static string Write(IReadOnlyDictionary<string, string> headers)
    {
        if (headers.Count == 0)
        {
            return EmptyObject;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in headers)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyDictionary<string, string> Read(string json, Guid messageId)
    {
        if (json == EmptyObject)
        {
            return FrozenDictionary<string, string>.Empty;
        }

        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw Invalid(messageId);
        }

        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                throw Invalid(messageId);
            }

            headers[name] = reader.GetString()!;
        }

        return headers;
    }

    // Only Estuary writes these columns; anything else means a hand edit went wrong.
    private static InvalidDataException Invalid(Guid messageId) => new(
        $"The headers of message {messageId} are not a JSON object of strings. Fix the row's headers column (e.g. '{{\"name\": \"value\"}}') or delete the row.");
}
