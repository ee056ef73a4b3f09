using System.Collections.Generic;
using Confluent.Kafka;

namespace Estuary.Kafka;

/// <summary>Where a record's order is kept: records with the same key in the same partition are handled one after the other.</summary>
internal readonly record struct LaneKey(string Topic, int Partition, string? Key);

/// <summary>A received record waiting for, or being handled by, a handler.</summary>
internal sealed class BufferedRecord(LaneKey lane, ConsumeResult<byte[]?, byte[]?> consumed, long sequence)
{
    public LaneKey Lane { get; } = lane;

    public long Offset => Consumed.Offset.Value;

    /// <summary>Arrival order across the whole buffer: the earliest available record is handed out first.</summary>
    public long Sequence { get; } = sequence;

    /// <summary>The record as consumed.</summary>
    public ConsumeResult<byte[]?, byte[]?> Consumed { get; } = consumed;
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
        lane.Records.AddLast(record);
        Waiting++;
        Offer(lane);
    }

    /// <summary>Takes the earliest record whose lane is free, and holds its lane until it is finished or given back.</summary>
    public bool TryTake(out BufferedRecord record)
    {
        while (_ready.TryDequeue(out var lane, out _))
        {
            lane.Queued = false;
            if (lane.Busy || lane.Records.First is not { } first)
            {
                continue;
            }

            lane.Records.RemoveFirst();
            lane.Busy = true;
            Waiting--;
            record = first.Value;
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
        if (lane.Records.Count == 0)
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
        lane.Records.AddFirst(record);
        Waiting++;
        Offer(lane);
    }

    /// <summary>Forgets the waiting records of a partition this consumer no longer owns.</summary>
    public void Drop(string topic, int partition)
    {
        List<LaneKey>? emptied = null;
        foreach (var (key, lane) in _lanes)
        {
            if (key.Partition != partition || key.Topic != topic)
            {
                continue;
            }

            Waiting -= lane.Records.Count;
            lane.Records.Clear();
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
        if (!lane.Busy && !lane.Queued && lane.Records.First is { } head)
        {
            lane.Queued = true;
            _ready.Enqueue(lane, head.Value.Sequence);
        }
    }

    private sealed class Lane
    {
        public LinkedList<BufferedRecord> Records { get; } = new();

        /// <summary>One of the lane's records is being handled.</summary>
        public bool Busy { get; set; }

        /// <summary>The lane is in the ready queue (at most once).</summary>
        public bool Queued { get; set; }
    }
}
