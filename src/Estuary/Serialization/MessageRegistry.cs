using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Estuary.Runtime;

namespace Estuary;

/// <summary>
/// The closed set of message types a host knows, composed from the generated registries of its
/// modules. A name is resolved to a type only here; unknown names are rejected, never guessed.
/// </summary>
public sealed class MessageRegistry
{
    /// <summary>The media type of JSON payloads.</summary>
    public const string JsonContentType = "application/json";

    private readonly FrozenDictionary<string, MessageType> _byName;
    private readonly FrozenDictionary<Type, MessageType> _byType;

    internal MessageRegistry(IEnumerable<MessageType> types)
    {
        var byName = new Dictionary<string, MessageType>(StringComparer.Ordinal);
        var byType = new Dictionary<Type, MessageType>();
        foreach (var type in types)
        {
            if (byName.TryGetValue(type.Name, out var existing) && existing.ClrType != type.ClrType)
            {
                throw new EstuaryException(
                    $"Message name '{type.Name}' is used by both {existing.ClrType.FullName} and {type.ClrType.FullName}. " +
                    "Give one of them another name with [MessageName(\"...\")].");
            }

            byName[type.Name] = type;

            // Prefer an entry that carries JSON metadata when several modules describe one type.
            if (!byType.TryGetValue(type.ClrType, out var known) || (!known.IsSerializable && type.IsSerializable))
            {
                byType[type.ClrType] = type;
            }
        }

        _byName = byName.ToFrozenDictionary(StringComparer.Ordinal);
        _byType = byType.ToFrozenDictionary();
    }

    /// <summary>All registered message types.</summary>
    public IEnumerable<MessageType> Types => _byType.Values;

    /// <summary>Finds a message type by its stable name.</summary>
    public bool TryGetByName(string name, out MessageType type) => _byName.TryGetValue(name, out type!);

    /// <summary>Finds the registry entry of a CLR type.</summary>
    public bool TryGetByType(Type clrType, out MessageType type) => _byType.TryGetValue(clrType, out type!);

    /// <summary>The stable name of a CLR type, or <see langword="null"/> if no module registered it.</summary>
    public string? NameOf(Type clrType) => _byType.TryGetValue(clrType, out var type) ? type.Name : null;

    /// <summary>Serializes a registered message to UTF-8 JSON.</summary>
    public byte[] SerializeToUtf8<T>(T message)
    {
        var type = Require<T>();
        return JsonSerializer.SerializeToUtf8Bytes(message, type.JsonTypeInfo!);
    }

    /// <summary>Deserializes UTF-8 JSON into a registered message type.</summary>
    public T Deserialize<T>(ReadOnlySpan<byte> utf8Json)
    {
        var type = Require<T>();
        try
        {
            return JsonSerializer.Deserialize(utf8Json, type.JsonTypeInfo!)
                ?? throw new MessageConversionException($"The JSON payload for {type.Name} is null.");
        }
        catch (JsonException exception)
        {
            throw new MessageConversionException($"The JSON payload is not a valid {type.Name}: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// Turns a payload sent by routing key into the message type an endpoint takes: the object
    /// itself if it already has that type, or JSON text/bytes deserialized through the registry.
    /// </summary>
    public T ConvertPayload<T>(object? payload, string? contentType, Endpoint endpoint)
    {
        if (endpoint.MessageType is null)
        {
            return default!;
        }

        switch (payload)
        {
            case T typed:
                return typed;
            case string text when IsJson(contentType):
                return Deserialize<T>(Encoding.UTF8.GetBytes(text));
            case byte[] bytes when IsJson(contentType):
                return Deserialize<T>(bytes);
            case ReadOnlyMemory<byte> memory when IsJson(contentType):
                return Deserialize<T>(memory.Span);
            case null:
                throw new MessageConversionException($"{endpoint.Name} needs a {typeof(T).Name} but the payload is null.");
            default:
                throw new MessageConversionException(
                    $"{endpoint.Name} takes {typeof(T).FullName} but was sent a {payload.GetType().FullName}" +
                    (contentType is null ? "." : $" with content type '{contentType}'.") +
                    $" Send a {typeof(T).Name}, or JSON text/bytes with content type '{JsonContentType}'.");
        }
    }

    private static bool IsJson(string? contentType) =>
        contentType is null || contentType.StartsWith(JsonContentType, StringComparison.OrdinalIgnoreCase);

    private MessageType<T> Require<T>()
    {
        if (!_byType.TryGetValue(typeof(T), out var type) || type is not MessageType<T> typed)
        {
            throw new MessageConversionException(
                $"{typeof(T).FullName} is not a registered message type. Only types handled by a composed module's handlers are registered.");
        }

        if (typed.JsonTypeInfo is null)
        {
            throw new MessageConversionException(
                $"{typeof(T).FullName} has no System.Text.Json metadata. Add [JsonSerializable(typeof({typeof(T).Name}))] to a JsonSerializerContext in the assembly that handles it.");
        }

        return typed;
    }
}
