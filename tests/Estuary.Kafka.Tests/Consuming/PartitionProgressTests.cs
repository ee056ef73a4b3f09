using Xunit;

namespace Estuary.Kafka.Tests.Consuming;

/// <summary>The offset a partition resumes from never passes a record that is not finished.</summary>
public sealed class PartitionProgressTests
{
    [Fact]
    public void A_later_record_finishing_first_does_not_move_the_watermark_past_an_earlier_one()
    {
        var progress = new PartitionProgress();
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
        var progress = new PartitionProgress();
        progress.Received(0);
        progress.Received(1);
        progress.Received(2);

        Assert.Equal(1, progress.Finished(0));
        Assert.Equal(-1, progress.Finished(0));
        Assert.Equal(3, progress.Finished(2) is -1 ? progress.Finished(1) : -2);
    }

    [Fact]
    public void The_end_of_an_empty_partition_is_where_it_resumes()
    {
        var progress = new PartitionProgress();

        progress.ReachedEnd(7);

        Assert.Equal(7, progress.Resume);
    }
}
