using System;
using System.Buffers;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Estuary.Postgres;

/// <summary>
/// Message headers as a JSON object of strings, the form of the <c>headers</c> jsonb columns. Written
/// and read with the low-level JSON writer and reader: no serializer metadata, nothing to trim. Rows
/// may come from other programs, so reading is lenient where the meaning is clear and never throws
/// inside a receive: a row whose headers cannot be read is delivered with the problem.
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
                writer.WriteString(PostgresText.Storable(name), PostgresText.Storable(value));
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads headers written by <see cref="Write"/> (or by another program); throws <see cref="InvalidDataException"/> when they cannot be read.</summary>
    public static IReadOnlyDictionary<string, string> Read(string json, Guid messageId) =>
        TryRead(json, out var headers, out var problem) ? headers : throw new InvalidDataException(
            $"The headers of message {messageId} are not a JSON object of text values ({problem}). Fix the row's headers column (e.g. '{{\"name\": \"value\"}}') or delete the row.");

    /// <summary>
    /// Reads a JSON object of headers. Values are text; a number or a boolean (as another program may
    /// write) is read as its JSON text, a null as an absent header. Nested objects and arrays are not
    /// headers: the whole object is refused, with <paramref name="problem"/> saying why.
    /// </summary>
    public static bool TryRead(string json, out IReadOnlyDictionary<string, string> headers, [NotNullWhen(false)] out string? problem)
    {
        headers = FrozenDictionary<string, string>.Empty;
        if (json == EmptyObject)
        {
            problem = null;
            return true;
        }

        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            problem = $"the column holds a JSON {Describe(reader.TokenType)}, not an object";
            return false;
        }

        var read = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    read[name] = reader.GetString()!;
                    break;
                case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                    read[name] = Encoding.UTF8.GetString(reader.ValueSpan);
                    break;
                case JsonTokenType.Null:
                    break;
                default:
                    problem = $"header '{name}' is a JSON {Describe(reader.TokenType)}";
                    return false;
            }
        }

        headers = read;
        problem = null;
        return true;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
