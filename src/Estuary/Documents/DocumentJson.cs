using System;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Estuary;

/// <summary>Serialization of documents through source-generated metadata, with errors that say what to add.</summary>
internal static class DocumentJson
{
    /// <summary>
    /// A read-only copy of <paramref name="json"/>, so the caller's options stay theirs to change.
    /// <paramref name="outOfOrderMetadata"/> is for stores that reorder object keys (PostgreSQL jsonb
    /// sorts them, so a polymorphic document's "$type" can come back after its properties).
    /// </summary>
    public static JsonSerializerOptions Freeze(JsonSerializerOptions json, bool outOfOrderMetadata = false)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.TypeInfoResolver is null)
        {
            throw new ArgumentException(
                "The document store's JSON options have no TypeInfoResolver. Pass EstuaryRuntime.Json, or options built from your JsonSerializerContext (e.g. ShopJson.Default.Options).",
                nameof(json));
        }

        if (json.IsReadOnly && (!outOfOrderMetadata || json.AllowOutOfOrderMetadataProperties))
        {
            return json;
        }

        var copy = new JsonSerializerOptions(json);
        if (outOfOrderMetadata)
        {
            copy.AllowOutOfOrderMetadataProperties = true;
        }

        copy.MakeReadOnly();
        return copy;
    }

    public static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions json) =>
        json.TryGetTypeInfo(typeof(T), out var info) && info is JsonTypeInfo<T> typed
            ? typed
            : throw new MessageConversionException(
                $"{typeof(T).FullName} has no System.Text.Json metadata, so it cannot be stored as a document. Add [JsonSerializable(typeof({typeof(T).Name}))] to a JsonSerializerContext in the assembly that declares it (in a composed module, or in the options given to the store).");

    /// <summary>Reads a document stored as text (PostgreSQL returns jsonb as text).</summary>
    public static T Read<T>(string json, JsonTypeInfo<T> info, string collection, string id)
    {
        try
        {
            return JsonSerializer.Deserialize(json, info)!;
        }
        catch (JsonException exception)
        {
            throw Unreadable<T>(collection, id, exception);
        }
    }

    public static T Read<T>(ReadOnlySpan<byte> utf8, JsonTypeInfo<T> info, string collection, string id)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8, info)!;
        }
        catch (JsonException exception)
        {
            throw Unreadable<T>(collection, id, exception);
        }
    }

    private static MessageConversionException Unreadable<T>(string collection, string id, JsonException exception) => new(
        $"Document '{id}' in collection '{collection}' cannot be read as {typeof(T).FullName}: {exception.Message} Read it as the type it was written as, or rewrite it.",
        exception);
}
