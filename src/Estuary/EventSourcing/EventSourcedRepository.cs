using System;
using System.Collections.Generic;
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
    }

    /// <summary>The aggregate type's description.</summary>
    public EventSourcedAggregate<TAggregate> Definition => _definition;

    /// <summary>The collection snapshots of this aggregate type are kept in.</summary>
    public string SnapshotCollection => "snapshots:" + _definition.TypeName;

    /// <summary>Rebuilds instance <paramref name="id"/> from its stream, or returns <see langword="null"/> when it has no events.</summary>
    public async ValueTask<EventSourcedInstance<TAggregate>?> LoadAsync(string id, CancellationToken cancellationToken)
    {
        TAggregate? aggregate = null;
        long version = 0;
        if (TakesSnapshots && await _documents.FindAsync<TAggregate>(SnapshotCollection, id, cancellationToken).ConfigureAwait(false) is { } snapshot)
        {
            aggregate = snapshot;
            version = _definition.VersionOf(snapshot);
        }

        var stream = _definition.StreamOf(id);
        var tail = await _events.ReadStreamForReplayAsync(stream, version + 1, cancellationToken).ConfigureAwait(false);
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
        if (TakesSnapshots && result.NextExpectedVersion / _definition.SnapshotEvery > expectedVersion / _definition.SnapshotEvery)
        {
            await _documents.UpsertAsync(SnapshotCollection, id, aggregate, cancellationToken).ConfigureAwait(false);
        }

        return result.NextExpectedVersion;
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
