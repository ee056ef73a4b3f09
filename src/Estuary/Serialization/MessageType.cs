using System;
using System.ComponentModel;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Threading;

namespace Estuary.Runtime;

/// <summary>
/// An entry of a module's generated message registry: a CLR type, its stable name, the types it
/// can be received as (for event subscriptions) and its System.Text.Json metadata. The registry is
/// the only place where a name read from the wire becomes a type.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class MessageType
{
    private static int s_lastId = -1;

    /// <summary>Describes a message type.</summary>
    protected MessageType(string name, Type[] assignableTo, int revision = 1, string[]? sensitiveMembers = null)
    {
        Name = name;
        AssignableTo = assignableTo;
        Revision = revision;
        SensitiveMembers = sensitiveMembers ?? [];
        Id = Interlocked.Increment(ref s_lastId);
    }

    /// <summary>The C# names of the members marked <see cref="SensitiveAttribute"/>, stored encrypted in events.</summary>
    public string[] SensitiveMembers { get; }

    /// <summary>The revision of the type's schema (<see cref="RevisionAttribute"/>; 1 by default), stored with events.</summary>
    public int Revision { get; }

    /// <summary>A process-wide index used by each host to find its routes for this type.</summary>
    public int Id { get; }

    /// <summary>The stable name (from <see cref="MessageNameAttribute"/>, or the type's full name).</summary>
    public string Name { get; }

    /// <summary>The CLR type.</summary>
    public abstract Type ClrType { get; }

    /// <summary>Base classes and interfaces of the type, most derived first.</summary>
    public Type[] AssignableTo { get; }

    /// <summary>Whether System.Text.Json metadata was found for the type at compile time.</summary>
    public abstract bool IsSerializable { get; }

    /// <summary>Serializes an instance of the type to UTF-8 JSON (the type must be <see cref="IsSerializable"/>).</summary>
    internal abstract byte[] Serialize(object message);

    /// <summary>The JSON names of <see cref="SensitiveMembers"/>, as the type's serializer writes them.</summary>
    internal abstract string[] SensitiveJsonNames { get; }

    /// <summary>Deserializes UTF-8 JSON into an instance of the type, or throws <see cref="MessageConversionException"/>.</summary>
    internal abstract object Deserialize(ReadOnlySpan<byte> utf8Json);

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>A registry entry for <typeparamref name="T"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class MessageType<T> : MessageType
{
    /// <summary>Describes <typeparamref name="T"/>; <paramref name="jsonTypeInfo"/> comes from a user's JsonSerializerContext.</summary>
    public MessageType(string name, Type[] assignableTo, JsonTypeInfo<T>? jsonTypeInfo, int revision = 1, string[]? sensitiveMembers = null)
        : base(name, assignableTo, revision, sensitiveMembers) => JsonTypeInfo = jsonTypeInfo;

    /// <summary>The metadata <paramref name="context"/> has for <typeparamref name="T"/> (what generated registries pass), or null.</summary>
    public static JsonTypeInfo<T>? JsonOf(JsonSerializerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>;
    }

    /// <inheritdoc />
    public override Type ClrType => typeof(T);

    /// <summary>The source-generated serialization metadata, if any.</summary>
    public JsonTypeInfo<T>? JsonTypeInfo { get; }

    /// <inheritdoc />
    public override bool IsSerializable => JsonTypeInfo is not null;

    /// <inheritdoc />
    internal override string[] SensitiveJsonNames => field ??= JsonNames();

    /// <inheritdoc />
    internal override byte[] Serialize(object message) => JsonSerializer.SerializeToUtf8Bytes((T)message, RequireJson());

    /// <inheritdoc />
    internal override object Deserialize(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8Json, RequireJson())
                ?? throw new MessageConversionException($"The JSON payload for {Name} is null.");
        }
        catch (JsonException exception)
        {
            throw new MessageConversionException($"The payload is not valid JSON for {Name}: {exception.Message}", exception);
        }
        catch (Exception exception) when (exception is not (MessageConversionException or OutOfMemoryException))
        {
            // The type's own code refused the values (a constructor or setter validating its input):
            // the payload can never become this message, however often it is read.
            throw new MessageConversionException($"The payload cannot be made into a {Name}: {exception.Message}", exception);
        }
    }

    // The serializer's naming policy (or [JsonPropertyName]) decides the names in the JSON; match them by
    // the names the metadata gives each member, without reflection.
    private string[] JsonNames()
    {
        if (SensitiveMembers.Length == 0)
        {
            return [];
        }

        var info = RequireJson();
        var policy = info.Options.PropertyNamingPolicy;
        var names = new string[SensitiveMembers.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var member = SensitiveMembers[i];
            var expected = policy?.ConvertName(member) ?? member;
            names[i] = info.Properties.FirstOrDefault(p => p.Name == expected || p.Name == member)?.Name ?? expected;
        }

        return names;
    }

    private JsonTypeInfo<T> RequireJson() => JsonTypeInfo ?? throw new MessageConversionException(
        $"{typeof(T).FullName} has no System.Text.Json metadata, so it cannot cross a channel. Add [JsonSerializable(typeof({typeof(T).Name}))] to a JsonSerializerContext in the assembly that handles it.");
}
