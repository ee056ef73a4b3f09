using Confluent.Kafka;

namespace Estuary.Kafka;

/// <summary>
/// The watermark of one assigned partition: the offsets received and not yet finished, and the offset the
/// group may resume from. That offset never passes an unfinished record: when records are handled in
/// parallel, a later one finishing first does not move it past an earlier one still being handled.
/// </summary>
/// <remarks>
/// Records arrive in offset order, so the received offsets are kept in a ring, oldest first, each with a
/// finished mark: receiving appends, finishing marks (found by binary search) and drops the finished
/// records at the head. Nothing is allocated per record. An offset received again out of order (the
/// partition was read again from an earlier position) is inserted in its place.
/// </remarks>
internal sealed class PartitionProgress(TopicPartition partition)
{
    private long[] _offsets = new long[64];
    private bool[] _finished = new bool[64];
    private int _head;
    private int _count;
    private long _stored = -1;

    /// <summary>The partition whose progress this is.</summary>
    public TopicPartition Partition { get; } = partition;

    /// <summary>The group took the partition from this member: its records' offsets are no longer this member's to store.</summary>
    public bool Revoked { get; set; }

    /// <summary>The offset after the last record received, or -1 before the first record (or end of partition) was seen.</summary>
    public long Next { get; private set; } = -1;

    /// <summary>The partition is paused until its head record (a delayed one) is due.</summary>
    public bool WaitingForDelay { get; set; }

    /// <summary>The offset the group would resume from now (the first unfinished record, else the next one).</summary>
    public long Resume => _count == 0 ? Next : _offsets[_head];

    /// <summary>The offset to resume from when nothing is unfinished: where the partition's end was seen.</summary>
    public void ReachedEnd(long offset)
    {
        if (_count == 0 && offset > Next)
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

        if (_count == 0 || offset > At(_count - 1))
        {
            Append(offset);
        }
        else
        {
            ReceivedAgain(offset);
        }

        Next = offset + 1;
    }

    /// <summary>Marks <paramref name="offset"/> finished; returns the offset to store when the watermark moved, else -1.</summary>
    public long Finished(long offset)
    {
        var index = IndexOf(offset);
        if (index < 0 || _finished[Slot(index)])
        {
            return -1;
        }

        _finished[Slot(index)] = true;
        while (_count > 0 && _finished[_head])
        {
            _head = (_head + 1) & (_offsets.Length - 1);
            _count--;
        }

        var safe = Resume;
        if (safe <= _stored)
        {
            return -1;
        }

        _stored = safe;
        return safe;
    }

    private long At(int index) => _offsets[Slot(index)];

    private int Slot(int index) => (_head + index) & (_offsets.Length - 1);

    private void Append(long offset)
    {
        if (_count == _offsets.Length)
        {
            Grow();
        }

        var slot = Slot(_count);
        _offsets[slot] = offset;
        _finished[slot] = false;
        _count++;
    }

    // Rare: an unfinished offset stays as it is, a finished or forgotten one is unfinished again, in its place.
    private void ReceivedAgain(long offset)
    {
        var index = IndexOf(offset);
        if (index >= 0)
        {
            _finished[Slot(index)] = false;
            return;
        }

        var at = ~index;
        Append(offset);
        for (var i = _count - 1; i > at; i--)
        {
            _offsets[Slot(i)] = _offsets[Slot(i - 1)];
            _finished[Slot(i)] = _finished[Slot(i - 1)];
        }

        _offsets[Slot(at)] = offset;
        _finished[Slot(at)] = false;
    }

    /// <summary>The offset's position in the ring, or the complement of where it would go.</summary>
    private int IndexOf(long offset)
    {
        int low = 0, high = _count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var found = At(middle);
            if (found == offset)
            {
                return middle;
            }

            if (found < offset)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }

    private void Grow()
    {
        var offsets = new long[_offsets.Length * 2];
        var finished = new bool[offsets.Length];
        for (var i = 0; i < _count; i++)
        {
            offsets[i] = At(i);
            finished[i] = _finished[Slot(i)];
        }

        _offsets = offsets;
        _finished = finished;
        _head = 0;
    }
}
