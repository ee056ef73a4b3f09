using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Estuary.Runtime;

namespace Estuary;

/// <summary>
/// Turns events into stored data and back, through the host's message registry: an event is stored
/// under its stable name (<see cref="NamedEventAttribute"/>) and current revision, and an event read at
/// an older revision is upcast step by step before it is deserialized. A name the registry does not
/// know is an error, never a guess.
/// </summary>
public sealed class EventSerializer
{
    private readonly MessageRegistry _messages;
    private readonly FrozenDictionary<string, EventUpcaster[]> _upcasters;
    private readonly IEventPayloadProtector? _protector;

    internal EventSerializer(MessageRegistry messages, IEnumerable<EventUpcaster> upcasters, IEventPayloadProtector? protector)
    {
        _messages = messages;
        _protector = protector;
        _upcasters = upcasters
            .GroupBy(static u => u.EventName, StringComparer.Ordinal)
            .ToFrozenDictionary(static g => g.Key, static g => g.OrderBy(static u => u.FromRevision).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The event as data to append, with a new time-ordered id; <see cref="SensitiveAttribute"/> members are encrypted for the event's aggregate.</summary>
    /// <exception cref="MessageConversionException">The event's type is not registered, or has no JSON metadata.</exception>
    /// <exception cref="System.InvalidOperationException">The event has sensitive members and no <see cref="IEventPayloadProtector"/> is registered.</exception>
    public async ValueTask<EventData> SerializeAsync(object @event, EventMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var type = Registered(@event);
        var data = type.Serialize(@event);
        var eventId = MessageIds.New(DateTimeOffset.UtcNow);
        if (type.SensitiveMembers.Length > 0)
        {
            data = await SensitiveMembers.ProtectAsync(RequireProtector(type), type, data, Subject(metadata, null), eventId, cancellationToken).ConfigureAwait(false);
        }

        return new EventData(eventId, type.Name, data, metadata, type.Revision);
    }

    /// <summary>The stored event as an object of its registered type, upcast from its stored revision and with sensitive members decrypted (null once their subject is forgotten).</summary>
    /// <exception cref="StoredEventException">The name is unknown, the revision is newer than the type's, no upcaster reads it, or the JSON does not fit.</exception>
    public ValueTask<object> DeserializeAsync(RecordedEvent recorded, CancellationToken cancellationToken = default) =>
        DeserializeAsync(recorded, subject: null, cancellationToken);

    /// <summary>
    /// As <see cref="DeserializeAsync(RecordedEvent, CancellationToken)"/>, with the subject whose key
    /// protects sensitive members given (the aggregate being loaded), so the event's metadata is not read.
    /// </summary>
    public async ValueTask<object> DeserializeAsync(RecordedEvent recorded, string? subject, CancellationToken cancellationToken = default)
    {
        var type = Resolve(recorded);
        if (type.SensitiveMembers.Length == 0)
        {
            // Nothing to decrypt: read the stored bytes as they are, without a copy.
            return Read(recorded, type);
        }

        // Decrypted before upcasting, under the names the members were stored with.
        var json = ParseObject(recorded, "its [Sensitive] members cannot be read");
        try
        {
            await SensitiveMembers.UnprotectAsync(RequireProtector(type), json, subject ?? Subject(recorded.Metadata, recorded.StreamId), recorded.EventId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException)
        {
            throw new StoredEventException(
                $"Event {recorded.StreamVersion} of stream '{recorded.StreamId}' has a protected member that does not decrypt for its subject, event and member: it was altered, or copied from elsewhere.",
                exception);
        }

        if (recorded.Revision != type.Revision)
        {
            json = UpcastSteps(recorded, type, json);
        }

        try
        {
            return type.Deserialize(JsonSerializer.SerializeToUtf8Bytes(json, JsonNodeContext.Default.JsonObject));
        }
        catch (MessageConversionException exception)
        {
            throw Unreadable(recorded, exception);
        }
    }

    /// <summary>The stored event as an object of its registered type, upcast from its stored revision (for types without sensitive members).</summary>
    /// <exception cref="StoredEventException">The name is unknown, the revision is newer than the type's, no upcaster reads it, or the JSON does not fit.</exception>
    public object Deserialize(RecordedEvent recorded)
    {
        var type = Resolve(recorded);
        if (type.SensitiveMembers.Length > 0)
        {
            throw new InvalidOperationException($"'{recorded.Type}' has [Sensitive] members, which are decrypted asynchronously: use DeserializeAsync.");
        }

        return Read(recorded, type);
    }

    private object Read(RecordedEvent recorded, MessageType type)
    {
        try
        {
            return recorded.Revision == type.Revision ? type.Deserialize(recorded.Data.Span) : type.Deserialize(Upcast(recorded, type));
        }
        catch (MessageConversionException exception)
        {
            throw Unreadable(recorded, exception);
        }
    }

    private static StoredEventException Unreadable(RecordedEvent recorded, MessageConversionException exception) =>
        new($"Event {recorded.StreamVersion} of stream '{recorded.StreamId}' ('{recorded.Type}', revision {recorded.Revision}) cannot be read: {exception.Message}", exception);

    private MessageType Registered(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        if (!_messages.TryGetByType(@event.GetType(), out var type) || !type.IsSerializable)
        {
            throw new MessageConversionException(
                $"{@event.GetType().FullName} cannot be stored as an event: it needs a stable name and JSON metadata. "
                + $"Apply or handle it in a module (an [EventSourcingHandler] method registers it) and add [JsonSerializable(typeof({@event.GetType().Name}))] to a JsonSerializerContext.");
        }

        return type;
    }

    private MessageType Resolve(RecordedEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        if (!_messages.TryGetByName(recorded.Type, out var type))
        {
            throw new StoredEventException(
                $"Event {recorded.StreamVersion} of stream '{recorded.StreamId}' has type '{recorded.Type}', which no composed module registers. "
                + "Add the module that defines it, or keep the old name with [NamedEvent] on the renamed class.");
        }

        if (recorded.Revision > type.Revision)
        {
            throw new StoredEventException(
                $"Event {recorded.StreamVersion} of stream '{recorded.StreamId}' is '{recorded.Type}' at revision {recorded.Revision}, newer than this build's revision {type.Revision}: deploy the code that wrote it.");
        }

        return type;
    }

    /// <summary>The protector, for snapshots of aggregates that hold sensitive data.</summary>
    internal IEventPayloadProtector RequireProtector(string aggregateType) => _protector ?? throw new InvalidOperationException(
        $"'{aggregateType}' applies events with [Sensitive] members, so its snapshots are stored encrypted: register an IEventPayloadProtector before AddEstuary.");

    private IEventPayloadProtector RequireProtector(MessageType type) => _protector ?? throw new InvalidOperationException(
        $"'{type.Name}' has [Sensitive] members ({string.Join(", ", type.SensitiveMembers)}), which are stored encrypted: register an IEventPayloadProtector "
        + "(services.AddSingleton<IEventPayloadProtector, InMemoryEventPayloadProtector>() for tests) before AddEstuary.");

    // Sensitive data belongs to the aggregate the event was recorded by.
    private static string Subject(EventMetadata metadata, string? streamId) =>
        metadata.AggregateId ?? streamId ?? throw new InvalidOperationException("An event with [Sensitive] members needs the aggregate it belongs to in its metadata (AggregateId): its key is that subject's.");

    private byte[] Upcast(RecordedEvent recorded, MessageType type) =>
        JsonSerializer.SerializeToUtf8Bytes(UpcastSteps(recorded, type, ParseObject(recorded, "it cannot be upcast")), JsonNodeContext.Default.JsonObject);

    private static JsonObject ParseObject(RecordedEvent recorded, string consequence)
    {
        try
        {
            if (JsonNode.Parse(recorded.Data.Span) is JsonObject json)
            {
                return json;
            }
        }
        catch (JsonException)
        {
        }

        throw new StoredEventException($"Event {recorded.StreamVersion} of stream '{recorded.StreamId}' is not a JSON object, so {consequence}.");
    }

    private JsonObject UpcastSteps(RecordedEvent recorded, MessageType type, JsonObject json)
    {
        var steps = _upcasters.GetValueOrDefault(recorded.Type) ?? [];
        for (var revision = recorded.Revision; revision < type.Revision; revision++)
        {
            var step = Array.Find(steps, s => s.FromRevision == revision) ?? throw new StoredEventException(
                $"Event {recorded.StreamVersion} of stream '{recorded.StreamId}' is '{recorded.Type}' at revision {revision}, and no [Upcaster] reads that revision. "
                + $"Declare a static method [Upcaster(typeof({type.ClrType.Name}), {revision})] JsonObject Upcast(JsonObject json).");
            json = step.Upcast(json);
        }

        return json;
    }
}
