using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Estuary.Runtime;

namespace Estuary;

/// <summary>An event-sourced instance as loaded: the state its events built, and its version.</summary>
/// <param name="Aggregate">The state.</param>
/// <param name="Version">The version of its stream (the number of events).</param>
public sealed record EventSourcedInstance<TAggregate>(TAggregate Aggregate, long Version);

/// <summary>
/// Loads event-sourced aggregates by replaying their streams (from the latest snapshot, if the aggregate
/// takes them) and appends their new events with the version they were loaded at. Event payloads are
/// converted through the host's message registry, by stable name and revision, with upcasters applied
/// to older revisions. Registered per aggregate by the generated module.
/// </summary>
public sealed class EventSourcedRepository<TAggregate>
    where TAggregate : class
{
    private readonly EventSourcedAggregate<TAggregate> _definition;
    private readonly IEventStore _events;
    private readonly IDocumentStore _documents;
    private readonly EventSerializer _serializer;
    private readonly EstuaryRuntime _runtime;

    // The projections reading this aggregate's streams: every instance's stream has the same prefix, so found once.
    private ProjectionReaders? _readers;

    /// <summary>Creates the repository of one aggregate type.</summary>
    public EventSourcedRepository(EventSourcedAggregate<TAggregate> definition, IEventStore events, IDocumentStore documents, EstuaryRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(runtime);
        _definition = definition;
        _events = events;
        _documents = documents;
        _serializer = runtime.Events;
        _runtime = runtime;
    }

    /// <summary>The aggregate type's description.</summary>
    public EventSourcedAggregate<TAggregate> Definition => _definition;

    /// <summary>The collection snapshots of this aggregate type are kept in.</summary>
    public string SnapshotCollection => "snapshots:" + _definition.TypeName;

    /// <summary>Rebuilds instance <paramref name="id"/> from its stream, or returns <see langword="null"/> when it has no events.</summary>
    public async ValueTask<EventSourcedInstance<TAggregate>?> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var stream = _definition.StreamOf(id);
        var (aggregate, version, tail) = await SnapshotAndTailAsync(id, stream, cancellationToken).ConfigureAwait(false);
        if (aggregate is null && tail.Count == 0)
        {
            return null;
        }

        aggregate ??= _definition.Create();
        foreach (var recorded in tail)
        {
            // Sensitive members belong to the aggregate: the events were appended with it as their subject.
            _definition.Apply(aggregate, await _serializer.DeserializeAsync(recorded, id, cancellationToken).ConfigureAwait(false));
            version = recorded.StreamVersion;
        }

        _definition.SetVersion(aggregate, version);
        return new EventSourcedInstance<TAggregate>(aggregate, version);
    }

    /// <summary>
    /// Deletes instance <paramref name="id"/>: its stream and its snapshot. Returns whether the stream existed.
    /// </summary>
    public async ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var deleted = await _events.DeleteStreamAsync(_definition.StreamOf(id), cancellationToken).ConfigureAwait(false);
        await _documents.DeleteAsync(SnapshotCollection, id, cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    // The snapshot and the events after it; the snapshot counts only while its stream still holds the
    // event it was taken at (a deleted or rewritten stream makes it stale), else every event is read.
    private async ValueTask<(TAggregate? Snapshot, long Version, IReadOnlyList<RecordedEvent> Tail)> SnapshotAndTailAsync(
        string id, string stream, CancellationToken cancellationToken)
    {
        if (TakesSnapshots && await ReadSnapshotAsync(id, cancellationToken).ConfigureAwait(false) is { } snapshot)
        {
            var version = _definition.VersionOf(snapshot);
            var events = await _events.ReadStreamForReplayAsync(stream, version, cancellationToken).ConfigureAwait(false);
            if (events.Count > 0 && events[0].StreamVersion == version)
            {
                return (snapshot, version, events.Skip(1).ToArray());
            }
        }

        return (null, 0, await _events.ReadStreamForReplayAsync(stream, 1, cancellationToken).ConfigureAwait(false));
    }

    // A snapshot is a cache of what the events say: one that cannot be read (the class changed shape, its
    // subject was forgotten, its bytes were altered) is ignored and the state rebuilt from the events.
    private async ValueTask<TAggregate?> ReadSnapshotAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            if (!_definition.HoldsSensitiveData)
            {
                return await _documents.FindAsync<TAggregate>(SnapshotCollection, id, cancellationToken).ConfigureAwait(false);
            }

            if (await _documents.FindAsync<ProtectedSnapshot>(SnapshotCollection, id, cancellationToken).ConfigureAwait(false) is not { } stored)
            {
                return null;
            }

            var protector = _serializer.RequireProtector(_definition.TypeName);
            var json = await protector.UnprotectAsync(id, stored.Sealed, SnapshotContext, cancellationToken).ConfigureAwait(false);
            return json is null ? null : JsonSerializer.Deserialize(json, _runtime.JsonTypeInfoOf<TAggregate>());
        }
        catch (Exception exception) when (exception is MessageConversionException or JsonException or CryptographicException)
        {
            return null;
        }
    }

    private async ValueTask WriteSnapshotAsync(string id, TAggregate aggregate, CancellationToken cancellationToken)
    {
        if (!_definition.HoldsSensitiveData)
        {
            await _documents.UpsertAsync(SnapshotCollection, id, aggregate, cancellationToken).ConfigureAwait(false);
            return;
        }

        // The state holds decrypted personal data: it is stored only under the subject's key.
        var json = JsonSerializer.SerializeToUtf8Bytes(aggregate, _runtime.JsonTypeInfoOf<TAggregate>());
        var sealedState = await _serializer.RequireProtector(_definition.TypeName).ProtectAsync(id, json, SnapshotContext, cancellationToken).ConfigureAwait(false);
        await _documents.UpsertAsync(SnapshotCollection, id, new ProtectedSnapshot(sealedState), cancellationToken).ConfigureAwait(false);
    }

    private string SnapshotContext => "snapshot " + _definition.TypeName;

    /// <summary>
    /// Starts a new instance from its first events: applies them to an empty instance, reads its
    /// identifier, and appends them to a stream that must not exist yet.
    /// </summary>
    /// <exception cref="WrongExpectedVersionException">The instance's stream already exists.</exception>
    public async ValueTask<EventSourcedInstance<TAggregate>> StartAsync(IReadOnlyList<object> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("A new instance needs at least one event.", nameof(events));
        }

        var aggregate = _definition.Create();
        Apply(aggregate, events);
        var version = await AppendAppliedAsync(_definition.IdOf(aggregate), aggregate, events, 0, cancellationToken).ConfigureAwait(false);
        return new EventSourcedInstance<TAggregate>(aggregate, version);
    }

    /// <summary>
    /// Applies <paramref name="events"/> to <paramref name="aggregate"/> and appends them to its stream if
    /// the stream is still at <paramref name="expectedVersion"/> (0: it must not exist yet); takes a
    /// snapshot when the append crosses the aggregate's snapshot interval. Returns the new version.
    /// </summary>
    /// <exception cref="WrongExpectedVersionException">Another writer appended since the instance was loaded.</exception>
    public ValueTask<long> AppendAsync(string id, TAggregate aggregate, IReadOnlyList<object> events, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return new(expectedVersion);
        }

        Apply(aggregate, events);
        return AppendAppliedAsync(id, aggregate, events, expectedVersion, cancellationToken);
    }

    private void Apply(TAggregate aggregate, IReadOnlyList<object> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            _definition.Apply(aggregate, events[i]);
        }
    }

    // The snapshot, when one is due, is the state after these events: the caller applied them.
    private async ValueTask<long> AppendAppliedAsync(string id, TAggregate aggregate, IReadOnlyList<object> events, long expectedVersion, CancellationToken cancellationToken)
    {
        // What the events share is read from the message once; each event adds the version it reaches.
        var shared = Metadata(MessageContext.Current, id);
        var data = new EventData[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            data[i] = await _serializer.SerializeAsync(events[i], shared with { AggregateVersion = expectedVersion + i + 1 }, cancellationToken).ConfigureAwait(false);
        }

        var expected = expectedVersion == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(expectedVersion);
        var result = await _events.AppendAsync(_definition.StreamOf(id), expected, data, cancellationToken).ConfigureAwait(false);
        _definition.SetVersion(aggregate, result.NextExpectedVersion);

        // Polled projections of this process that read the stream follow once the events are visible:
        // after the unit of work commits. Triggered ones get a trigger in the unit of work, so it commits
        // with the events. An aggregate no projection reads pays nothing for it on the append path.
        var readers = _readers ??= ProjectionReaders.Of(_runtime.Projections, _definition.StreamOf("_"));
        if (readers.Polled)
        {
            WakeProjections();
        }

        foreach (var projection in readers.Triggered)
        {
            await _runtime.SendRoutedAsync(projection.TriggerRoutingKey, payload: null, headers: null, cancellationToken).ConfigureAwait(false);
        }

        if (readers.Synchronous.Length > 0)
        {
            await RunSynchronousProjectionsAsync(readers.Synchronous, _definition.StreamOf(id), expectedVersion, cancellationToken).ConfigureAwait(false);
        }

        if (TakesSnapshots && result.NextExpectedVersion / _definition.SnapshotEvery > expectedVersion / _definition.SnapshotEvery)
        {
            await WriteSnapshotAsync(id, aggregate, cancellationToken).ConfigureAwait(false);
        }

        return result.NextExpectedVersion;
    }

    // The appended events as stored (this unit of work sees its own rows), handed to each synchronous projection.
    private async ValueTask RunSynchronousProjectionsAsync(ProjectionDefinition[] projections, string stream, long expectedVersion, CancellationToken cancellationToken)
    {
        var appended = await _events.ReadStreamAsync(stream, ReadDirection.Forwards, expectedVersion + 1, int.MaxValue, cancellationToken).ConfigureAwait(false);
        var runner = (EstuaryProjections)_runtime.RootServices.GetService(typeof(EstuaryProjections))!;
        foreach (var projection in projections)
        {
            await runner.RunSynchronousAsync(projection, appended, cancellationToken).ConfigureAwait(false);
        }
    }

    private void WakeProjections()
    {
        if (MessageContext.Current?.UnitOfWork is { } work)
        {
            work.OnCommitted(_runtime.ProjectionWakeUp.Pulse);
        }
        else
        {
            _runtime.ProjectionWakeUp.Pulse();
        }
    }

    private bool TakesSnapshots => _definition.SnapshotEvery > 0 && _definition.HasVersionMember;

    // Where the events came from: the message being handled, and the aggregate.
    private EventMetadata Metadata(MessageContext? context, string id) => new()
    {
        CorrelationId = context?.CorrelationId.ToString("D"),
        CausationId = context?.MessageId.ToString("D"),
        AggregateId = id,
        AggregateType = _definition.TypeName,
        Headers = UserHeaders(context),
    };

    private static IReadOnlyDictionary<string, string> UserHeaders(MessageContext? context)
    {
        if (context?.UserHeaders is not { Count: > 0 } headers)
        {
            return EventMetadata.Empty.Headers;
        }

        var text = new Dictionary<string, string>(headers.Count, StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            if (WireHeaders.Format(value) is { } formatted)
            {
                text[name] = formatted;
            }
        }

        return text;
    }
}
