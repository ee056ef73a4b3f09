using System;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Estuary.Postgres;

/// <summary>
/// Serialization of documents through source-generated metadata, as the core's in-memory store does it
/// (the core keeps its helper internal), plus what jsonb needs.
/// </summary>
internal static class DocumentJson
{
    /// <summary>A read-only copy of <paramref name="json"/> that reads the documents jsonb gives back.</summary>
    public static JsonSerializerOptions ForJsonb(JsonSerializerOptions json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.TypeInfoResolver is null)
        {
            throw new ArgumentException(
                "The document store's JSON options have no TypeInfoResolver. Pass EstuaryRuntime.Json, or options built from your JsonSerializerContext (e.g. ShopJson.Default.Options).",
                nameof(json));
        }

        // jsonb stores object keys sorted (shorter first), so a polymorphic document's "$type" can come
        // back after its properties, which System.Text.Json refuses unless told to accept it.
        var copy = new JsonSerializerOptions(json) { AllowOutOfOrderMetadataProperties = true };
        copy.MakeReadOnly();
        return copy;
    }

    public static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions json) =>
        json.TryGetTypeInfo(typeof(T), out var info) && info is JsonTypeInfo<T> typed
            ? typed
            : throw new MessageConversionException(
                $"{typeof(T).FullName} has no System.Text.Json metadata, so it cannot be stored as a document. Add [JsonSerializable(typeof({typeof(T).Name}))] to a JsonSerializerContext in the assembly that declares it (in a composed module, or in the options given to the store).");

    public static T Read<T>(string json, JsonTypeInfo<T> info, string collection, string id)
    {
        try
        {
            return JsonSerializer.Deserialize(json, info)!;
        }
        catch (JsonException exception)
        {
            throw new MessageConversionException(
                $"Document '{id}' in collection '{collection}' cannot be read as {typeof(T).FullName}: {exception.Message} Read it as the type it was written as, or rewrite it.",
                exception);
        }
    }
}
