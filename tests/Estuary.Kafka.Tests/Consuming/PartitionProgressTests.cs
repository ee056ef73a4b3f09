using System;
using System.Collections.Generic;
using Confluent.Kafka;
using Xunit;

namespace Estuary.Kafka.Tests.Consuming;

/// <summary>The offset a partition resumes from never passes a record that is not finished.</summary>
public sealed class PartitionProgressTests
{
    [Fact]
    public void A_later_record_finishing_first_does_not_move_the_watermark_past_an_earlier_one()
    {
        var progress = new PartitionProgress(new TopicPartition("orders", 0));
        progress.Received(10);
        progress.Received(11);
        progress.Received(12);

        Assert.Equal(-1, progress.Finished(12));
        Assert.Equal(-1, progress.Finished(11));
        Assert.Equal(10, progress.Resume);
        Assert.Equal(13, progress.Finished(10));
        Assert.Equal(13, progress.Resume);
    }

    [Fact]
    public void The_watermark_moves_to_the_first_unfinished_record()
    {
        var progress = new PartitionProgress(new TopicPartition("orders", 0));
        progress.Received(0);
        progress.Received(1);
        progress.Received(2);

        Assert.Equal(1, progress.Finished(0));
        Assert.Equal(-1, progress.Finished(0));
        Assert.Equal(3, progress.Finished(2) is -1 ? progress.Finished(1) : -2);
    }

    [Fact]
    public void Thousands_of_records_finishing_in_any_order_move_the_watermark_as_a_sorted_set_of_unfinished_offsets_does()
    {
        // Offsets with gaps (compacted topics, transaction markers), far more unfinished at once than the
        // ring starts with, finished in random order, and now and then an offset received again.
        var random = new Random(20261206);
        var progress = new PartitionProgress(new TopicPartition("orders", 0));
        var model = new SortedSetModel();
        var unfinished = new List<long>();
        var offset = 100L;
        for (var step = 0; step < 20_000; step++)
        {
            var choice = random.Next(10);
            if (choice < 5 || unfinished.Count == 0)
            {
                offset += random.Next(1, 3);
                progress.Received(offset);
                model.Received(offset);
                unfinished.Add(offset);
            }
            else if (choice < 9)
            {
                var index = random.Next(unfinished.Count);
                var done = unfinished[index];
                unfinished.RemoveAt(index);
                Assert.Equal(model.Finished(done), progress.Finished(done));
            }
            else
            {
                var again = offset - random.Next(0, 40);
                progress.Received(again);
                model.Received(again);
                unfinished.Add(again);
                offset = Math.Max(offset, again);
            }

            Assert.Equal(model.Resume, progress.Resume);
            Assert.Equal(model.Next, progress.Next);
        }
    }

    [Fact]
    public void The_end_of_an_empty_partition_is_where_it_resumes()
    {
        var progress = new PartitionProgress(new TopicPartition("orders", 0));

        progress.ReachedEnd(7);

        Assert.Equal(7, progress.Resume);
    }

    /// <summary>The watermark's rule written the plain way: the unfinished offsets in a sorted set.</summary>
    private sealed class SortedSetModel
    {
        private readonly SortedSet<long> _unfinished = [];
        private long _stored = -1;

        public long Next { get; private set; } = -1;

        public long Resume => _unfinished.Count == 0 ? Next : _unfinished.Min;

        public void Received(long offset)
        {
            if (_stored < 0)
            {
                _stored = offset;
            }

            _unfinished.Add(offset);
            Next = offset + 1;
        }

        public long Finished(long offset)
        {
            if (!_unfinished.Remove(offset))
            {
                return -1;
            }

            var safe = Resume;
            if (safe <= _stored)
            {
                return -1;
            }

            _stored = safe;
            return safe;
        }
    }
}
