using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary;

/// <summary>
/// Streams of events: appended with an expected version, read back per stream, or all together in a
/// stable order that never skips an event. Payloads are JSON under stable type names; the typed layer
/// (event-sourced aggregates, <c>[NamedEvent]</c>, upcasters) sits on top. Inside a unit of work on
/// the same database, appends commit or roll back with it.
/// <code>
/// var result = await events.AppendAsync("order-42", ExpectedVersion.NoStream, [placed]);
/// var stream = await events.ReadStreamAsync("order-42");
/// </code>
/// </summary>
public interface IEventStore
{
    /// <summary>
    /// Appends <paramref name="events"/> in order if the stream is as <paramref name="expected"/> says,
    /// all or none, and returns its new version.
    /// </summary>
    /// <exception cref="WrongExpectedVersionException">The stream is at another version.</exception>
    /// <exception cref="System.ArgumentException">No events, or an empty stream id.</exception>
    ValueTask<AppendResult> AppendAsync(string streamId, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads a stream's events: forwards from <paramref name="fromVersion"/> up (default: the first), or
    /// backwards from it down (default: the last), at most <paramref name="maxCount"/>. An empty list for
    /// a stream that does not exist.
    /// </summary>
    ValueTask<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, ReadDirection direction = ReadDirection.Forwards, long? fromVersion = null, int maxCount = int.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads a stream forwards from <paramref name="fromVersion"/> to rebuild state from it (what
    /// loading an event-sourced aggregate does): the events as <see cref="ReadStreamAsync"/> gives them,
    /// except that a store may leave out their metadata (<see cref="RecordedEvent.Metadata"/> is then
    /// <see cref="EventMetadata.Empty"/>), which replaying does not use. The PostgreSQL store does,
    /// which spares the server converting every event's metadata and the client parsing it.
    /// </summary>
    ValueTask<IReadOnlyList<RecordedEvent>> ReadStreamForReplayAsync(string streamId, long fromVersion = 1, CancellationToken cancellationToken = default) =>
        ReadStreamAsync(streamId, ReadDirection.Forwards, fromVersion, int.MaxValue, cancellationToken);

    /// <summary>
    /// Reads the events of several streams, each after its own version, at most
    /// <paramref name="maxPerStream"/> of each: a stream's events in version order, the streams in the
    /// order of <paramref name="slices"/>; a stream that does not exist gives none. What a partitioned
    /// projection's batch loads for its partitions (one round trip on PostgreSQL, through the stream and version index).
    /// </summary>
    async ValueTask<IReadOnlyList<RecordedEvent>> ReadStreamsAsync(IReadOnlyList<StreamSlice> slices, int maxPerStream, CancellationToken cancellationToken = default)
    {
        System.ArgumentNullException.ThrowIfNull(slices);
        System.ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPerStream);
        var events = new List<RecordedEvent>();
        foreach (var slice in slices)
        {
            events.AddRange(await ReadStreamAsync(slice.StreamId, ReadDirection.Forwards, slice.AfterVersion + 1, maxPerStream, cancellationToken).ConfigureAwait(false));
        }

        return events;
    }

    /// <summary>
    /// Reads up to <paramref name="batchSize"/> events of all streams after <paramref name="after"/>, in
    /// the store's stable order. Only events of transactions that can no longer be preceded are returned,
    /// so continuing from <see cref="AllEventsPage.Next"/> never skips an event that commits late.
    /// </summary>
    ValueTask<AllEventsPage> ReadAllAsync(AllPosition after, int batchSize, CancellationToken cancellationToken = default);

    /// <summary>The stream's version and metadata, or <see langword="null"/> when it does not exist.</summary>
    ValueTask<StreamState?> GetStreamAsync(string streamId, CancellationToken cancellationToken = default);

    /// <summary>Replaces a stream's metadata (creating an empty stream if needed).</summary>
    ValueTask SetStreamMetadataAsync(string streamId, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken = default);

    /// <summary>Deletes a stream with its events and metadata; returns whether it existed. Appending again starts at version 1.</summary>
    ValueTask<bool> DeleteStreamAsync(string streamId, CancellationToken cancellationToken = default);
}
