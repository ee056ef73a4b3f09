using System.Text;
using Confluent.Kafka;
using Xunit;

namespace Estuary.Kafka.Tests.Consuming;

/// <summary>Records of one key go one at a time and in order; other keys go meanwhile.</summary>
public sealed class KeyedBufferTests
{
    private long _sequence;

    [Fact]
    public void A_key_waits_for_its_record_being_handled_while_other_keys_go()
    {
        var buffer = new KeyedBuffer();
        var a1 = Add(buffer, "a", 0);
        var a2 = Add(buffer, "a", 1);
        var b1 = Add(buffer, "b", 2);

        Assert.Same(a1, Take(buffer));
        Assert.Same(b1, Take(buffer));
        Assert.False(buffer.TryTake(out _));

        buffer.Finished(a1);
        Assert.Same(a2, Take(buffer));
        Assert.Equal(0, buffer.Waiting);
    }

    [Fact]
    public void A_record_given_back_goes_first_again()
    {
        var buffer = new KeyedBuffer();
        var a1 = Add(buffer, "a", 0);
        Add(buffer, "b", 1);
        Assert.Same(a1, Take(buffer));

        buffer.GiveBack(a1);

        Assert.Same(a1, Take(buffer));
    }

    [Fact]
    public void Records_of_a_partition_given_up_are_dropped_and_its_busy_key_is_released_when_it_finishes()
    {
        var buffer = new KeyedBuffer();
        var a1 = Add(buffer, "a", 0);
        Add(buffer, "a", 1);
        Assert.Same(a1, Take(buffer));

        buffer.Drop(0, 0);
        buffer.Finished(a1);

        Assert.Equal(0, buffer.Waiting);
        Assert.False(buffer.TryTake(out _));
        var again = Add(buffer, "a", 1);
        Assert.Same(again, Take(buffer));
    }

    private BufferedRecord Add(KeyedBuffer buffer, string key, long offset)
    {
        var consumed = new ConsumeResult<byte[]?, byte[]?> { TopicPartitionOffset = new TopicPartitionOffset("orders", 0, offset), Message = new Message<byte[]?, byte[]?>() };
        var record = new BufferedRecord(new LaneKey(0, 0, Encoding.UTF8.GetBytes(key)), consumed, KafkaEnvelope.Read(consumed), new PartitionProgress(consumed.TopicPartition), ++_sequence, fromRetryTopic: false);
        buffer.Add(record);
        return record;
    }

    private static BufferedRecord Take(KeyedBuffer buffer)
    {
        Assert.True(buffer.TryTake(out var record));
        return record;
    }
}
