using System.Collections.Generic;

namespace Estuary.Kafka;

/// <summary>
/// The watermark of one assigned partition: the offsets received and not yet finished, and the offset the
/// group may resume from. That offset never passes an unfinished record: when records are handled in
/// parallel, a later one finishing first does not move it past an earlier one still being handled.
/// </summary>
internal sealed class PartitionProgress
{
    private readonly SortedSet<long> _unfinished = [];
    private long _stored = -1;

    /// <summary>The offset after the last record received, or -1 before the first record (or end of partition) was seen.</summary>
    public long Next { get; private set; } = -1;

    /// <summary>The partition is paused until its head record (a delayed one) is due.</summary>
    public bool WaitingForDelay { get; set; }

    /// <summary>The offset to resume from when nothing is unfinished: where the partition's end was seen.</summary>
    public void ReachedEnd(long offset)
    {
        if (_unfinished.Count == 0 && offset > Next)
        {
            Next = offset;
        }
    }

    public void Received(long offset)
    {
        // The group resumes from the first record received until it is finished: nothing to store before that.
        if (_stored < 0)
        {
            _stored = offset;
        }

        _unfinished.Add(offset);
        Next = offset + 1;
    }

    /// <summary>Marks <paramref name="offset"/> finished; returns the offset to store when the watermark moved, else -1.</summary>
    public long Finished(long offset)
    {
        if (!_unfinished.Remove(offset))
        {
            return -1;
        }

        var safe = _unfinished.Count == 0 ? Next : _unfinished.Min;
        if (safe <= _stored)
        {
            return -1;
        }

        _stored = safe;
        return safe;
    }

    /// <summary>The offset the group would resume from now (the first unfinished record, else the next one).</summary>
    public long Resume => _unfinished.Count == 0 ? Next : _unfinished.Min;
}
