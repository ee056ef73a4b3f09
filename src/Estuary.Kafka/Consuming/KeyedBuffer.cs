using System;
using System.Collections.Generic;
using Confluent.Kafka;
using Estuary.Channels;

namespace Estuary.Kafka;

/// <summary>
/// Where a record's order is kept: records with the same key in the same partition are handled one after the
/// other. The topic is its index among the consumer's topics; the key is compared as the bytes it is, whatever they are.
/// </summary>
internal readonly struct LaneKey(int topic, int partition, byte[]? key) : IEquatable<LaneKey>
{
    public int Topic { get; } = topic;

    public int Partition { get; } = partition;

    public byte[]? Key { get; } = key;

    public bool Equals(LaneKey other) =>
        Topic == other.Topic && Partition == other.Partition && (ReferenceEquals(Key, other.Key) || (Key is not null && other.Key is not null && Key.AsSpan().SequenceEqual(other.Key)));

    public override bool Equals(object? obj) => obj is LaneKey other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Topic);
        hash.Add(Partition);
        if (Key is not null)
        {
            hash.AddBytes(Key);
        }

        return hash.ToHashCode();
    }
}

/// <summary>A received record, read into its envelope, waiting for, or being handled by, a handler.</summary>
internal sealed class BufferedRecord(
    LaneKey lane, ConsumeResult<byte[]?, byte[]?> consumed, (ChannelMessage Message, Exception? ReadError) envelope, PartitionProgress progress, long sequence, bool fromRetryTopic)
{
    public LaneKey Lane { get; } = lane;

    public long Offset => Consumed.Offset.Value;

    /// <summary>Arrival order across the whole buffer: the earliest available record is handed out first.</summary>
    public long Sequence { get; } = sequence;

    /// <summary>The record as consumed.</summary>
    public ConsumeResult<byte[]?, byte[]?> Consumed { get; } = consumed;

    /// <summary>The watermark of the record's partition, as it was when the record was received.</summary>
    public PartitionProgress Progress { get; } = progress;

    /// <summary>The record was read from one of the channel's retry topics.</summary>
    public bool FromRetryTopic { get; } = fromRetryTopic;

    /// <summary>The record's envelope (<see cref="KafkaEnvelope.Read"/>), read by the polling thread.</summary>
    public ChannelMessage Message { get; } = envelope.Message;

    /// <summary>Why the record could not be read entirely, or null.</summary>
    public Exception? ReadError { get; } = envelope.ReadError;
}

/// <summary>
/// The records a consumer received and did not finish, in lanes by key: a record is handed out only when
/// the one before it in its lane finished, so different keys are handled in parallel and each key in
/// order. Among the records that may go, the one that arrived first goes first; a record given back (its
/// delivery released) goes back to the head of its lane. Not thread-safe: the consumer locks around it.
/// </summary>
internal sealed class KeyedBuffer
{
    private readonly Dictionary<LaneKey, Lane> _lanes = [];
    private readonly PriorityQueue<Lane, long> _ready = new();

    /// <summary>Records waiting for a handler (not those being handled).</summary>
    public int Waiting { get; private set; }

    public void Add(BufferedRecord record)
    {
        var lane = LaneOf(record.Lane);
        lane.Add(record);
        Waiting++;
        Offer(lane);
    }

    /// <summary>Takes the earliest record whose lane is free, and holds its lane until it is finished or given back.</summary>
    public bool TryTake(out BufferedRecord record)
    {
        while (_ready.TryDequeue(out var lane, out _))
        {
            lane.Queued = false;
            if (lane.Busy || lane.Head is not { } head)
            {
                continue;
            }

            // The record stays the lane's head while it is handled: finished, it leaves; given back, it goes again.
            lane.Busy = true;
            Waiting--;
            record = head;
            return true;
        }

        record = null!;
        return false;
    }

    /// <summary>The record was handled (or settled otherwise): the next one of its lane may go.</summary>
    public void Finished(BufferedRecord record)
    {
        if (!_lanes.TryGetValue(record.Lane, out var lane))
        {
            return;
        }

        lane.Busy = false;
        lane.Remove(record);
        if (lane.Head is null)
        {
            _lanes.Remove(record.Lane);
            return;
        }

        Offer(lane);
    }

    /// <summary>The record's delivery was released: it goes first in its lane again.</summary>
    public void GiveBack(BufferedRecord record)
    {
        var lane = LaneOf(record.Lane);
        lane.Busy = false;
        lane.PutFirst(record);
        Waiting++;
        Offer(lane);
    }

    /// <summary>Forgets the waiting records of a partition this consumer no longer owns.</summary>
    public void Drop(int topic, int partition)
    {
        List<LaneKey>? emptied = null;
        foreach (var (key, lane) in _lanes)
        {
            if (key.Partition != partition || key.Topic != topic)
            {
                continue;
            }

            // A busy lane keeps the record being handled (not waiting), to be finished or given back.
            Waiting -= lane.Busy ? lane.Count - 1 : lane.Count;
            lane.Clear(keepHead: lane.Busy);
            if (!lane.Busy)
            {
                (emptied ??= []).Add(key);
            }
        }

        foreach (var key in emptied ?? [])
        {
            _lanes.Remove(key);
        }
    }

    private Lane LaneOf(LaneKey key)
    {
        if (!_lanes.TryGetValue(key, out var lane))
        {
            lane = new Lane();
            _lanes[key] = lane;
        }

        return lane;
    }

    private void Offer(Lane lane)
    {
        if (!lane.Busy && !lane.Queued && lane.Head is { } head)
        {
            lane.Queued = true;
            _ready.Enqueue(lane, head.Sequence);
        }
    }

    /// <summary>
    /// One key's records in order. Most keys have one record at a time (records keyed by their message id
    /// have one ever), so the head is a field and only a key with several records allocates a queue.
    /// </summary>
    private sealed class Lane
    {
        private Queue<BufferedRecord>? _behind;

        /// <summary>The record to hand out next, or the one being handled.</summary>
        public BufferedRecord? Head { get; private set; }

        public int Count => (Head is null ? 0 : 1) + (_behind?.Count ?? 0);

        /// <summary>The head is being handled.</summary>
        public bool Busy { get; set; }

        /// <summary>The lane is in the ready queue (at most once).</summary>
        public bool Queued { get; set; }

        public void Add(BufferedRecord record)
        {
            if (Head is null)
            {
                Head = record;
            }
            else
            {
                (_behind ??= new Queue<BufferedRecord>()).Enqueue(record);
            }
        }

        /// <summary>The head finished: the next record moves up.</summary>
        public void Remove(BufferedRecord record)
        {
            if (ReferenceEquals(Head, record))
            {
                Head = _behind is { Count: > 0 } behind ? behind.Dequeue() : null;
            }
        }

        /// <summary>A record given back goes first: it is the head still, unless its lane was emptied meanwhile.</summary>
        public void PutFirst(BufferedRecord record)
        {
            if (ReferenceEquals(Head, record))
            {
                return;
            }

            if (Head is not null)
            {
                var behind = new Queue<BufferedRecord>();
                behind.Enqueue(Head);
                while (_behind is { Count: > 0 })
                {
                    behind.Enqueue(_behind.Dequeue());
                }

                _behind = behind;
            }

            Head = record;
        }

        public void Clear(bool keepHead)
        {
            _behind?.Clear();
            if (!keepHead)
            {
                Head = null;
            }
        }
    }
}
