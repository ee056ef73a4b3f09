using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.Fixtures.Contracts;

// Reading all events: one stable order across streams, read in batches from a checkpoint.
public abstract partial class EventStoreContract
{
    [Fact]
    public async Task Read_all_returns_the_events_of_every_stream_in_append_order_across_small_batches()
    {
        var a = NewStream("a");
        var b = NewStream("b");
        var c = NewStream("c");
        await Store.AppendAsync(a, ExpectedVersion.NoStream, Numbered(1, 2));
        await Store.AppendAsync(b, ExpectedVersion.NoStream, Numbered(3, 1));
        await Store.AppendAsync(a, ExpectedVersion.Exactly(2), Numbered(4, 1));
        await Store.AppendAsync(c, ExpectedVersion.NoStream, Numbered(5, 3));

        var all = await ReadAllOfAsync([a, b, c], expected: 7, batchSize: 2);

        Assert.Equal([1, 2, 3, 4, 5, 6, 7], all.Select(NumberOf));
        Assert.Equal([a, a, b, a, c, c, c], all.Select(e => e.StreamId));
        Assert.Equal([1L, 2, 1, 3, 1, 2, 3], all.Select(e => e.StreamVersion));
    }

    [Fact]
    public async Task Read_all_gives_the_same_events_as_reading_their_streams()
    {
        var stream = NewStream();
        var metadata = new EventMetadata { CorrelationId = "c-1", Headers = new System.Collections.Generic.Dictionary<string, string> { ["user"] = "ada" } };
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, [Numbered(1, metadata, "shop.placed", revision: 2), Numbered(2)]);

        var all = await ReadAllOfAsync([stream], expected: 2);
        var read = await Store.ReadStreamAsync(stream);

        Assert.Equal(read.Select(e => (e.EventId, e.StreamVersion, e.Position, e.Transaction, e.Type, e.Revision, e.Metadata, e.CreatedAt)), all.Select(e => (e.EventId, e.StreamVersion, e.Position, e.Transaction, e.Type, e.Revision, e.Metadata, e.CreatedAt)));
        SameJson(read[0].Data, all[0].Data);
    }

    [Fact]
    public async Task Continuing_from_a_checkpoint_returns_only_what_came_after_it()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Numbered(1, 3));
        var first = await ReadAllOfAsync([stream], expected: 3);
        await Store.AppendAsync(stream, ExpectedVersion.Exactly(3), Numbered(4, 2));
        await ReadAllOfAsync([stream], expected: 5);

        var page = await Store.ReadAllAsync(first[1].Checkpoint, batchSize: 1000);

        var mine = page.Events.Where(e => e.StreamId == stream).ToList();
        Assert.Equal([3, 4, 5], mine.Select(NumberOf));
        Assert.All(page.Events, e => Assert.True(e.Checkpoint.CompareTo(first[1].Checkpoint) > 0));
    }

    [Fact]
    public async Task Events_of_one_append_share_a_transaction_and_later_appends_order_after_them()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Numbered(1, 3));
        await Store.AppendAsync(stream, ExpectedVersion.Exactly(3), Numbered(4, 2));

        var read = await Store.ReadStreamAsync(stream);

        Assert.Single(read.Take(3).Select(e => e.Transaction).Distinct());
        Assert.Single(read.Skip(3).Select(e => e.Transaction).Distinct());
        Assert.True(read[3].Transaction > read[2].Transaction);
        Assert.All(read, e => Assert.Equal(new AllPosition(e.Transaction, e.Position), e.Checkpoint));
        Assert.Equal(read.Select(e => e.Checkpoint).Order(), read.Select(e => e.Checkpoint));
    }

    [Fact]
    public async Task A_page_after_the_last_event_is_empty_and_continues_from_the_position_asked_for()
    {
        var end = new AllPosition(ulong.MaxValue, long.MaxValue);

        var page = await Store.ReadAllAsync(end, batchSize: 10);

        Assert.Empty(page.Events);
        Assert.Equal(end, page.Next);
    }

    [Fact]
    public async Task Read_all_no_longer_returns_the_events_of_a_deleted_stream()
    {
        var deleted = NewStream("deleted");
        var kept = NewStream("kept");
        var marker = NewStream("marker");
        await Store.AppendAsync(deleted, ExpectedVersion.NoStream, Numbered(1, 2));
        await Store.AppendAsync(kept, ExpectedVersion.NoStream, Numbered(3, 1));
        await Store.DeleteStreamAsync(deleted);
        await Store.AppendAsync(deleted, ExpectedVersion.NoStream, Numbered(4, 1));
        await Store.AppendAsync(marker, ExpectedVersion.NoStream, Numbered(5, 1));

        var all = await ReadAllOfAsync([deleted, kept, marker], expected: 3);

        Assert.Equal([3, 4, 5], all.Select(NumberOf));
        Assert.Equal((deleted, 1L), (all[1].StreamId, all[1].StreamVersion));
    }
}
