using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Estuary.Kafka;

/// <summary>
/// The consumer of one channel: a member of the channel's group, subscribed to its topic and retry topics,
/// polled by a thread of its own that keeps it in the group whatever the handlers do. Received records wait
/// in a <see cref="KeyedBuffer"/> until a handler takes them; a finished record moves its partition's
/// <see cref="PartitionProgress"/>, whose offset is stored (then committed in the background by librdkafka)
/// from the polling thread. A record of a retry topic that is not due pauses its partition until it is.
/// </summary>
internal sealed partial class TopicConsumer : IAsyncDisposable
{
    private static readonly TimeSpan s_pollTimeout = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan s_brokerTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_longestStop = TimeSpan.FromMinutes(1);

    /// <summary>Records taken from librdkafka's queue in one poll at the most (then stored offsets are applied).</summary>
    private const int PollBatch = 500;

    private readonly Lock _gate = new();

    // Serializes storing (polling thread, revocation, a run's final commit) so a later offset is never overwritten by an earlier one.
    private readonly Lock _storing = new();
    private readonly KeyedBuffer _buffer = new();
    private readonly Dictionary<TopicPartition, PartitionProgress> _partitions = [];

    // The same progress by topic index and partition number: found per record without a TopicPartition (a class) or a hash.
    private PartitionProgress?[][] _owned = [];

    // The offset to store next per partition: only the latest counts, so a poll stores one per partition.
    private readonly Dictionary<PartitionProgress, long> _toStore = [];
    private readonly List<(TopicPartition Partition, DateTimeOffset Due)> _delayed = [];
    private readonly string[] _topics;

    // Per subscribed topic: its index (lanes name topics by it), and its delay when it is a retry topic.
    private readonly Dictionary<string, (int Index, TimeSpan? Delay)> _topicsByName;

    // Header values that repeat from record to record are decoded once (only the polling thread reads records).
    private readonly RepeatedHeaderTexts _texts = new();
    private readonly int _maxBuffered;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lazy<IConsumer<byte[]?, byte[]?>> _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly ManualResetEventSlim _room = new(initialState: true);
    private TaskCompletionSource _changed = NewSignal();
    private bool _changedObserved;
    private long _fullSince;
    private Thread? _thread;
    private bool _assigned;
    private bool _pausedForBuffer;
    private long _sequence;

    public TopicConsumer(
        string channel, string topic, IReadOnlyDictionary<string, TimeSpan> retryTopics, IReadOnlyDictionary<string, string> settings, int maxBuffered, TimeProvider time, ILogger logger)
    {
        Channel = channel;
        _topics = [topic, .. retryTopics.Keys];
        _topicsByName = new Dictionary<string, (int, TimeSpan?)>(StringComparer.Ordinal) { [topic] = (0, null) };
        foreach (var (retryTopic, delay) in retryTopics)
        {
            _topicsByName[retryTopic] = (_topicsByName.Count, delay);
        }

        _maxBuffered = maxBuffered;
        _time = time;
        _logger = logger;
        _client = new(() => new ConsumerBuilder<byte[]?, byte[]?>(settings)
            .SetPartitionsAssignedHandler((_, partitions) => Assigned(partitions))
            .SetPartitionsRevokedHandler((consumer, partitions) => Revoked(consumer, partitions.Select(p => p.TopicPartition), commit: true))
            .SetPartitionsLostHandler((consumer, partitions) => Revoked(consumer, partitions.Select(p => p.TopicPartition), commit: false))
            .SetErrorHandler((_, error) => { LogClientError(_logger, Channel, error.Code, error.Reason); })
            .Build());
    }

    public string Channel { get; }

    /// <summary>The consumer client (created on first use; it joins the group when polling starts).</summary>
    public IConsumer<byte[]?, byte[]?> Client => _client.Value;

    /// <summary>Records received and waiting for a handler.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _buffer.Waiting;
            }
        }
    }

    /// <summary>Whether the polling thread runs: a consumer run started the consumer, and it was not disposed.</summary>
    public bool IsPolling
    {
        get
        {
            lock (_gate)
            {
                return _thread is not null && !_stop.IsCancellationRequested;
            }
        }
    }

    /// <summary>Starts polling (once): the consumer joins its group and receives.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_thread is not null || _stop.IsCancellationRequested)
            {
                return;
            }

            _thread = new Thread(Poll) { IsBackground = true, Name = "estuary-kafka-" + Channel };
            _thread.Start();
        }
    }

    /// <summary>
    /// Whether a full buffer has room again (under the lock): once handlers took half of it, so the polling
    /// thread refills it in one go rather than waking for every record taken.
    /// </summary>
    private bool RoomAgain => _buffer.Waiting <= _maxBuffered / 2;

    /// <summary>Takes the earliest received record whose key is not being handled.</summary>
    public bool TryTake(out BufferedRecord record)
    {
        lock (_gate)
        {
            if (!_buffer.TryTake(out record))
            {
                return false;
            }

            if (RoomAgain)
            {
                _room.Set();
            }

            return true;
        }
    }

    /// <summary>The record's work is done (committed): its offset may be stored once the records before it are done too.</summary>
    public void Finished(BufferedRecord record)
    {
        TaskCompletionSource? changed;
        lock (_gate)
        {
            _buffer.Finished(record);
            // A record of a partition given up (even if assigned again since) moves nothing: its offset is not this member's to store.
            var progress = record.Progress;
            if (!progress.Revoked && progress.Finished(record.Offset) is var offset and >= 0)
            {
                _toStore[progress] = offset;
            }

            changed = TakeSignal();
        }

        changed?.TrySetResult();
    }

    /// <summary>The record's delivery was released: it is handed out again, first in its key.</summary>
    public void GiveBack(BufferedRecord record)
    {
        TaskCompletionSource? changed;
        lock (_gate)
        {
            if (!record.Progress.Revoked)
            {
                _buffer.GiveBack(record);
            }
            else
            {
                // The partition went to another member, which receives the record from the last stored offset.
                _buffer.Finished(record);
            }

            changed = TakeSignal();
        }

        changed?.TrySetResult();
    }

    /// <summary>Completes at the next change (a record arrived, finished or came back): take it before looking, so no change is missed.</summary>
    public Task Changed
    {
        get
        {
            lock (_gate)
            {
                _changedObserved = true;
                return _changed.Task;
            }
        }
    }

    /// <summary>Waits until <paramref name="changed"/> (from <see cref="Changed"/>) completes, up to <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(Task changed, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            // In real time: the brokers answer in real time, whatever clock the host's messages are timed by.
            await changed.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }

    /// <summary>
    /// Whether nothing is there to take now: the group assigned this member its partitions, nothing received
    /// waits, and every partition was read to its end (partitions waiting for a delayed record aside).
    /// </summary>
    public bool IsCaughtUp()
    {
        var owned = new List<(TopicPartition Partition, long Next)>();
        lock (_gate)
        {
            if (!_assigned || _buffer.Waiting > 0 || _pausedForBuffer)
            {
                return false;
            }

            foreach (var (partition, progress) in _partitions)
            {
                if (progress.WaitingForDelay)
                {
                    continue;
                }

                if (progress.Next < 0)
                {
                    return false;
                }

                owned.Add((partition, progress.Next));
            }
        }

        foreach (var (partition, next) in owned)
        {
            if (Client.QueryWatermarkOffsets(partition, s_brokerTimeout).High.Value > next)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>How many partitions the group assigned to this member now.</summary>
    public int OwnedPartitions
    {
        get
        {
            lock (_gate)
            {
                return _partitions.Count;
            }
        }
    }

    /// <summary>Whether the group assigned partitions to this member at least once.</summary>
    public bool HasJoined
    {
        get
        {
            lock (_gate)
            {
                return _assigned;
            }
        }
    }

    /// <summary>The offset the group resumes partition <paramref name="partition"/> from if this member owns it, else null.</summary>
    public long? ResumeOffset(TopicPartition partition)
    {
        lock (_gate)
        {
            return _partitions.TryGetValue(partition, out var progress) && progress.Resume >= 0 ? progress.Resume : null;
        }
    }

    /// <summary>
    /// Stores the finished offsets and commits them now, from the calling thread (librdkafka's store and
    /// commit are safe beside the polling thread), rather than wait for the polling thread's next turn.
    /// </summary>
    public Task CommitAsync()
    {
        lock (_gate)
        {
            if (_thread is null || _stop.IsCancellationRequested)
            {
                return Task.CompletedTask;
            }
        }

        return Task.Run(() =>
        {
            var consumer = Client;
            StorePending(consumer);
            Commit(consumer);
        });
    }

    private void Poll()
    {
        var consumer = Client;
        consumer.Subscribe(_topics);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                PollOnce(consumer);
            }
            catch (Exception exception) when (!_stop.IsCancellationRequested)
            {
                // A broker-side failure of the fetch, or of a pause or seek: never of one record (keys and
                // values are read as bytes). The thread must live on, or the member would leave its group.
                LogConsumeFailed(_logger, exception, Channel);
                _stop.Token.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(200));
            }
        }

        try
        {
            ApplyRequests(consumer);

            // Commits what was stored, then leaves the group so the others take the partitions at once.
            consumer.Close();
        }
        catch (KafkaException exception)
        {
            LogConsumeFailed(_logger, exception, Channel);
        }
    }

    /// <summary>
    /// One poll: waits for a record, then takes what librdkafka already holds (up to the buffer's room) without
    /// waiting, and wakes the handlers once for all of them.
    /// </summary>
    private void PollOnce(IConsumer<byte[]?, byte[]?> consumer)
    {
        ApplyRequests(consumer);
        if (!HasRoom(consumer))
        {
            return;
        }

        var result = consumer.Consume(s_pollTimeout);
        for (var taken = 0; result is not null; taken++)
        {
            if (result.IsPartitionEOF)
            {
                ReachedEnd(result);
            }
            else
            {
                Accept(consumer, result);
            }

            result = taken < PollBatch && _room.IsSet ? consumer.Consume(TimeSpan.Zero) : null;
        }

        Pulse();
    }

    private void ReachedEnd(ConsumeResult<byte[]?, byte[]?> end)
    {
        lock (_gate)
        {
            if (_partitions.TryGetValue(end.TopicPartition, out var progress))
            {
                progress.ReachedEnd(end.Offset.Value);
            }
        }
    }

    /// <summary>
    /// Whether the buffer has room for what the next poll returns. A full buffer stops the polling: what
    /// librdkafka fetched ahead waits in its own bounded queue, and nothing is fetched twice. Stopped for
    /// longer than <see cref="s_longestStop"/> (handlers stuck), the partitions are paused and polling goes
    /// on, so the member stays within <c>max.poll.interval.ms</c> and keeps its partitions.
    /// </summary>
    private bool HasRoom(IConsumer<byte[]?, byte[]?> consumer)
    {
        if (_room.Wait(s_pollTimeout))
        {
            _fullSince = 0;
            return true;
        }

        lock (_gate)
        {
            if (_fullSince == 0)
            {
                _fullSince = Stopwatch.GetTimestamp();
            }
            else if (!_pausedForBuffer && Stopwatch.GetElapsedTime(_fullSince) > s_longestStop)
            {
                _pausedForBuffer = true;
                consumer.Pause(_partitions.Where(p => !p.Value.WaitingForDelay).Select(p => p.Key).ToList());
            }

            return _pausedForBuffer;
        }
    }

    private void OpenRoomIfAny()
    {
        lock (_gate)
        {
            if (RoomAgain)
            {
                _room.Set();
            }
        }
    }

    private void Accept(IConsumer<byte[]?, byte[]?> consumer, ConsumeResult<byte[]?, byte[]?> result)
    {
        var (topic, retryDelay) = _topicsByName[result.Topic];
        if (retryDelay is { } delay && DueOf(result, delay) is var due && due > _time.GetUtcNow())
        {
            Delay(consumer, result, due);
            return;
        }

        // Read here, outside the lock, so handlers take ready envelopes and keep taking meanwhile.
        var envelope = KafkaEnvelope.Read(result, _texts);
        TaskCompletionSource? waiting;
        lock (_gate)
        {
            if (Owned(topic, result.Partition.Value) is not { } progress)
            {
                return;
            }

            progress.Received(result.Offset.Value);
            _buffer.Add(new BufferedRecord(new LaneKey(topic, result.Partition.Value, result.Message.Key), result, envelope, progress, ++_sequence, fromRetryTopic: retryDelay is not null));
            if (_buffer.Waiting >= _maxBuffered)
            {
                _room.Reset();
            }

            // A handler waiting for records starts on this one, not after the rest of the poll's batch is read.
            waiting = TakeSignal();
        }

        waiting?.TrySetResult();
    }

    /// <summary>Records of a retry topic come in the order they are due: the partition waits for its head.</summary>
    private void Delay(IConsumer<byte[]?, byte[]?> consumer, ConsumeResult<byte[]?, byte[]?> result, DateTimeOffset due)
    {
        lock (_gate)
        {
            if (!_partitions.TryGetValue(result.TopicPartition, out var progress))
            {
                return;
            }

            consumer.Pause([result.TopicPartition]);
            consumer.Seek(result.TopicPartitionOffset);
            progress.WaitingForDelay = true;
            _delayed.Add((result.TopicPartition, due));
        }
    }

    private void ApplyRequests(IConsumer<byte[]?, byte[]?> consumer)
    {
        StorePending(consumer);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            for (var i = _delayed.Count - 1; i >= 0; i--)
            {
                if (_delayed[i].Due <= now)
                {
                    var partition = _delayed[i].Partition;
                    _delayed.RemoveAt(i);
                    if (_partitions.TryGetValue(partition, out var progress))
                    {
                        progress.WaitingForDelay = false;
                        if (!_pausedForBuffer)
                        {
                            consumer.Resume([partition]);
                        }
                    }
                }
            }

            if (_pausedForBuffer && RoomAgain)
            {
                _pausedForBuffer = false;
                consumer.Resume(_partitions.Where(p => !p.Value.WaitingForDelay).Select(p => p.Key).ToList());
            }

        }
    }

    /// <summary>Stores the latest finished offset of each partition, outside the lock the handlers take.</summary>
    private void StorePending(IConsumer<byte[]?, byte[]?> consumer)
    {
        lock (_storing)
        {
            List<TopicPartitionOffset>? offsets = null;
            lock (_gate)
            {
                if (_toStore.Count == 0)
                {
                    return;
                }

                offsets = [.. _toStore.Select(p => new TopicPartitionOffset(p.Key.Partition, p.Value))];
                _toStore.Clear();
            }

            foreach (var offset in offsets)
            {
                Store(consumer, offset);
            }
        }
    }

    private void Assigned(List<TopicPartition> partitions)
    {
        lock (_gate)
        {
            foreach (var partition in partitions)
            {
                var progress = new PartitionProgress(partition);
                _partitions[partition] = progress;
                if (_topicsByName.TryGetValue(partition.Topic, out var topic))
                {
                    SetOwned(topic.Index, partition.Partition.Value, progress);
                }
            }

            _assigned = true;
        }

        LogAssigned(_logger, Channel, string.Join(", ", partitions));
        Pulse();
    }

    private void Revoked(IConsumer<byte[]?, byte[]?> consumer, IEnumerable<TopicPartition> partitions, bool commit)
    {
        var revoked = partitions.ToHashSet();
        using var storing = _storing.EnterScope();
        lock (_gate)
        {
            foreach (var partition in revoked)
            {
                if (!_partitions.Remove(partition, out var progress))
                {
                    continue;
                }

                progress.Revoked = true;
                if (_toStore.Remove(progress, out var offset) && commit)
                {
                    Store(consumer, new TopicPartitionOffset(partition, offset));
                }

                if (_topicsByName.TryGetValue(partition.Topic, out var topic))
                {
                    SetOwned(topic.Index, partition.Partition.Value, null);
                    _buffer.Drop(topic.Index, partition.Partition.Value);
                }
            }

            _delayed.RemoveAll(d => revoked.Contains(d.Partition));
        }

        OpenRoomIfAny();
        if (commit)
        {
            // What finished before the partitions go is committed now, so their next owner starts after it.
            Commit(consumer);
        }

        LogRevoked(_logger, Channel, string.Join(", ", revoked), commit);
        Pulse();
    }

    /// <summary>The progress of partition <paramref name="partition"/> of the topic at <paramref name="topic"/>, if this member owns it.</summary>
    private PartitionProgress? Owned(int topic, int partition) =>
        (uint)topic < (uint)_owned.Length && _owned[topic] is { } partitions && (uint)partition < (uint)partitions.Length ? partitions[partition] : null;

    private void SetOwned(int topic, int partition, PartitionProgress? progress)
    {
        if (_owned.Length <= topic)
        {
            Array.Resize(ref _owned, _topics.Length);
        }

        var partitions = _owned[topic] ??= new PartitionProgress?[Math.Max(partition + 1, 16)];
        if (partitions.Length <= partition)
        {
            Array.Resize(ref partitions, partition + 1);
            _owned[topic] = partitions;
        }

        partitions[partition] = progress;
    }

    private void Store(IConsumer<byte[]?, byte[]?> consumer, TopicPartitionOffset offset)
    {
        try
        {
            consumer.StoreOffset(offset);
        }
        catch (KafkaException exception)
        {
            // The partition is no longer assigned: its next owner starts from the last committed offset.
            LogStoreFailed(_logger, Channel, offset.ToString(), exception.Error.Reason);
        }
    }

    private void Commit(IConsumer<byte[]?, byte[]?> consumer)
    {
        try
        {
            consumer.Commit();
        }
        catch (KafkaException exception) when (exception.Error.Code == ErrorCode.Local_NoOffset)
        {
            // Nothing stored since the last commit.
        }
        catch (KafkaException exception)
        {
            LogStoreFailed(_logger, Channel, "commit", exception.Error.Reason);
        }
    }

    /// <summary>When a retry topic's record may be handled: its own due time, at most the topic's delay after it was written.</summary>
    private static DateTimeOffset DueOf(ConsumeResult<byte[]?, byte[]?> result, TimeSpan delay)
    {
        DateTimeOffset? latest = result.Message.Timestamp.Type == TimestampType.NotAvailable
            ? null
            : new DateTimeOffset(result.Message.Timestamp.UtcDateTime, TimeSpan.Zero) + delay;
        DateTimeOffset? own = null;
        if (result.Message.Headers?.TryGetLastBytes(KafkaEnvelope.AvailableAtHeader, out var bytes) == true
            && DateTimeOffset.TryParse(Encoding.UTF8.GetString(bytes), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
        {
            own = at;
        }

        return (own, latest) switch
        {
            ({ } a, { } b) => a < b ? a : b,
            ({ } a, null) => a,
            (null, { } b) => b,
            _ => DateTimeOffset.MinValue,
        };
    }

    // A new signal only when someone waits on the current one: every record added, finished or given back signals.
    private void Pulse()
    {
        TaskCompletionSource? changed;
        lock (_gate)
        {
            changed = TakeSignal();
        }

        changed?.TrySetResult();
    }

    /// <summary>Under the lock: the signal someone waits on, replaced by a new one (complete it after the lock), or null.</summary>
    private TaskCompletionSource? TakeSignal()
    {
        if (!_changedObserved)
        {
            return null;
        }

        var changed = _changed;
        _changed = NewSignal();
        _changedObserved = false;
        return changed;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        Thread? thread;
        lock (_gate)
        {
            thread = _thread;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (thread is not null)
        {
            await Task.Run(() => thread.Join(TimeSpan.FromSeconds(30))).ConfigureAwait(false);
        }

        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }

        _stop.Dispose();
        _room.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka consumer of channel {Channel}: {Code} {Reason}")]
    private static partial void LogClientError(ILogger logger, string channel, ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kafka consumer of channel {Channel} cannot fetch; trying again")]
    private static partial void LogConsumeFailed(ILogger logger, Exception exception, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka consumer of channel {Channel} was assigned {Partitions}")]
    private static partial void LogAssigned(ILogger logger, string channel, string partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka consumer of channel {Channel} gave up {Partitions} (committed: {Committed})")]
    private static partial void LogRevoked(ILogger logger, string channel, string partitions, bool committed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka consumer of channel {Channel} could not store {Offset}: {Reason}")]
    private static partial void LogStoreFailed(ILogger logger, string channel, string offset, string reason);
}
