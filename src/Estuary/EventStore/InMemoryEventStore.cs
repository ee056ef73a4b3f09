using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary;

/// <summary>
/// The default event store: streams kept in memory (lost when the process ends). Each append is one
/// transaction in the order of all events; inside a unit of work, an append is undone if the attempt
/// that made it fails. There is no isolation: readers see an append at once.
/// </summary>
public sealed class InMemoryEventStore : IEventStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Stream> _streams = new(StringComparer.Ordinal);
    private readonly List<RecordedEvent> _all = [];
    private readonly TimeProvider _time;
    private long _position;
    private ulong _transaction;

    /// <summary>Creates an empty store.</summary>
    /// <param name="timeProvider">The clock stamping events (default: the system clock).</param>
    public InMemoryEventStore(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public ValueTask<AppendResult> AppendAsync(string streamId, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default)
    {
        EventStoreArguments.ValidateAppend(streamId, events);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var stream = _streams.GetValueOrDefault(streamId);
            var version = stream?.Events.Count ?? 0;
            if (!expected.IsMetBy(version))
            {
                throw new WrongExpectedVersionException(streamId, expected, version);
            }

            stream ??= _streams[streamId] = new Stream();
            var transaction = ++_transaction;
            var now = _time.GetUtcNow();
            foreach (var data in events)
            {
                var recorded = new RecordedEvent(streamId, ++version, ++_position, transaction, data.EventId, data.Type, data.Revision, data.Data.ToArray(), data.Metadata, now);
                stream.Events.Add(recorded);
                _all.Add(recorded);
            }

            UnitOfWork.Current?.OnRollback(() => Undo(streamId, transaction));
            return new(new AppendResult(version, _position));
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, ReadDirection direction = ReadDirection.Forwards, long? fromVersion = null, int maxCount = int.MaxValue, CancellationToken cancellationToken = default)
    {
        EventStoreArguments.ValidateRead(streamId, maxCount);
        lock (_gate)
        {
            if (!_streams.TryGetValue(streamId, out var stream))
            {
                return new([]);
            }

            var events = stream.Events;
            var read = new List<RecordedEvent>(Math.Min(maxCount, events.Count));
            if (direction == ReadDirection.Forwards)
            {
                for (var i = (int)Math.Max((fromVersion ?? 1) - 1, 0); i < events.Count && read.Count < maxCount; i++)
                {
                    read.Add(events[i]);
                }
            }
            else
            {
                for (var i = (int)Math.Min((fromVersion ?? events.Count) - 1, events.Count - 1); i >= 0 && read.Count < maxCount; i--)
                {
                    read.Add(events[i]);
                }
            }

            return new(read);
        }
    }

    /// <inheritdoc />
    public ValueTask<AllEventsPage> ReadAllAsync(AllPosition after, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        lock (_gate)
        {
            // Appends are serialized and visible at once: store order is append order.
            var start = _all.BinarySearch(new RecordedEvent(string.Empty, 0, after.Position, after.Transaction, default, string.Empty, 0, default, EventMetadata.Empty, default), CheckpointOrder.Instance);
            start = start < 0 ? ~start : start + 1;
            var page = new List<RecordedEvent>(Math.Min(batchSize, Math.Max(_all.Count - start, 0)));
            for (var i = start; i < _all.Count && page.Count < batchSize; i++)
            {
                page.Add(_all[i]);
            }

            return new(new AllEventsPage(page, page.Count == 0 ? after : page[^1].Checkpoint));
        }
    }

    /// <inheritdoc />
    public ValueTask<StreamState?> GetStreamAsync(string streamId, CancellationToken cancellationToken = default)
    {
        EventStoreArguments.ValidateStream(streamId);
        lock (_gate)
        {
            return new(_streams.TryGetValue(streamId, out var stream) ? new StreamState(streamId, stream.Events.Count, stream.Metadata) : null);
        }
    }

    /// <inheritdoc />
    public ValueTask SetStreamMetadataAsync(string streamId, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken = default)
    {
        EventStoreArguments.ValidateStream(streamId);
        ArgumentNullException.ThrowIfNull(metadata);
        var copy = new Dictionary<string, string>(metadata, StringComparer.Ordinal);
        lock (_gate)
        {
            var stream = _streams.GetValueOrDefault(streamId) ?? (_streams[streamId] = new Stream());
            stream.Metadata = copy;
        }

        return default;
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteStreamAsync(string streamId, CancellationToken cancellationToken = default)
    {
        EventStoreArguments.ValidateStream(streamId);
        lock (_gate)
        {
            if (!_streams.Remove(streamId))
            {
                return new(false);
            }

            _all.RemoveAll(e => e.StreamId == streamId);
            return new(true);
        }
    }

    // Undoes one append of a failed attempt; later appends to the stream (none, when the attempt held the
    // stream's version) keep their place.
    private void Undo(string streamId, ulong transaction)
    {
        lock (_gate)
        {
            if (_streams.TryGetValue(streamId, out var stream))
            {
                stream.Events.RemoveAll(e => e.Transaction == transaction);
                if (stream.Events.Count == 0 && stream.Metadata.Count == 0)
                {
                    _streams.Remove(streamId);
                }
            }

            _all.RemoveAll(e => e.Transaction == transaction);
        }
    }

    private sealed class Stream
    {
        public List<RecordedEvent> Events { get; } = [];

        public IReadOnlyDictionary<string, string> Metadata { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);
    }

    private sealed class CheckpointOrder : IComparer<RecordedEvent>
    {
        public static readonly CheckpointOrder Instance = new();

        public int Compare(RecordedEvent? x, RecordedEvent? y) => x!.Checkpoint.CompareTo(y!.Checkpoint);
    }
}
