using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.Fixtures.Contracts;

// Stream state, stream metadata and deletion.
public abstract partial class EventStoreContract
{
    [Fact]
    public async Task Reading_for_replay_gives_the_events_of_a_forwards_read_with_their_metadata_or_none()
    {
        var stream = NewStream();
        var metadata = new EventMetadata { AggregateId = "42", CorrelationId = "c-1" };
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, [Numbered(1, metadata), Numbered(2, metadata, "other-thing", revision: 3), Numbered(3)]);
        await Store.AppendAsync(NewStream(), ExpectedVersion.NoStream, [Numbered(9)]);

        var replayed = await Store.ReadStreamForReplayAsync(stream, fromVersion: 2);
        var read = await Store.ReadStreamAsync(stream, ReadDirection.Forwards, fromVersion: 2);

        Assert.Equal(
            read.Select(e => (e.StreamId, e.StreamVersion, e.Position, e.Transaction, e.EventId, e.Type, e.Revision, e.CreatedAt)),
            replayed.Select(e => (e.StreamId, e.StreamVersion, e.Position, e.Transaction, e.EventId, e.Type, e.Revision, e.CreatedAt)));
        Assert.Equal([2, 3], replayed.Select(NumberOf));
        Assert.All(replayed.Zip(read), pair => Assert.True(
            pair.First.Metadata == EventMetadata.Empty || pair.First.Metadata == pair.Second.Metadata,
            "Replayed metadata is either left out or the stored metadata."));
        Assert.Empty(await Store.ReadStreamForReplayAsync(NewStream()));
    }

    [Fact]
    public async Task Stream_state_has_the_version_and_no_metadata_after_appends()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Numbered(1, 3));

        var state = await Store.GetStreamAsync(stream);

        Assert.NotNull(state);
        Assert.Equal((stream, 3L), (state.StreamId, state.Version));
        Assert.Empty(state.Metadata);
    }

    [Fact]
    public async Task Metadata_set_on_a_new_stream_creates_it_empty_at_version_0()
    {
        var stream = NewStream();

        await Store.SetStreamMetadataAsync(stream, new Dictionary<string, string> { ["owner"] = "billing", ["max-age"] = "30d" });

        var state = await Store.GetStreamAsync(stream);
        Assert.NotNull(state);
        Assert.Equal(0L, state.Version);
        SameEntries(new Dictionary<string, string> { ["owner"] = "billing", ["max-age"] = "30d" }, state.Metadata);
        Assert.Empty(await Store.ReadStreamAsync(stream));
    }

    [Fact]
    public async Task A_stream_with_only_metadata_takes_a_no_stream_append_and_keeps_its_metadata()
    {
        var stream = NewStream();
        await Store.SetStreamMetadataAsync(stream, new Dictionary<string, string> { ["owner"] = "billing" });

        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Numbered(1, 2));
        await Store.AppendAsync(stream, ExpectedVersion.Exactly(2), Numbered(3, 1));

        var state = await Store.GetStreamAsync(stream);
        Assert.Equal(3L, state!.Version);
        Assert.Equal("billing", Assert.Single(state.Metadata).Value);
    }

    [Fact]
    public async Task Setting_metadata_replaces_all_of_it_and_leaves_the_events_alone()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Numbered(1, 2));
        await Store.SetStreamMetadataAsync(stream, new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" });

        var replacement = new Dictionary<string, string> { ["b"] = "3", ["ünï \"c\""] = "✓\n" };
        await Store.SetStreamMetadataAsync(stream, replacement);
        replacement["b"] = "changed by the caller afterwards";

        var state = await Store.GetStreamAsync(stream);
        SameEntries(new Dictionary<string, string> { ["b"] = "3", ["ünï \"c\""] = "✓\n" }, state!.Metadata);
        Assert.Equal(2L, state.Version);
        Assert.Equal([1, 2], (await Store.ReadStreamAsync(stream)).Select(NumberOf));

        await Store.SetStreamMetadataAsync(stream, new Dictionary<string, string>());
        Assert.Empty((await Store.GetStreamAsync(stream))!.Metadata);
    }

    [Fact]
    public async Task Deleting_a_stream_removes_its_events_and_metadata_and_appending_starts_over_at_1()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Numbered(1, 3));
        await Store.SetStreamMetadataAsync(stream, new Dictionary<string, string> { ["owner"] = "billing" });

        Assert.True(await Store.DeleteStreamAsync(stream));

        Assert.Null(await Store.GetStreamAsync(stream));
        Assert.Empty(await Store.ReadStreamAsync(stream));
        Assert.Empty(await Store.ReadStreamAsync(stream, ReadDirection.Backwards));

        var result = await Store.AppendAsync(stream, ExpectedVersion.NoStream, Numbered(10, 1));
        Assert.Equal(1L, result.NextExpectedVersion);
        var read = Assert.Single(await Store.ReadStreamAsync(stream));
        Assert.Equal((1L, 10), (read.StreamVersion, NumberOf(read)));
        Assert.Empty((await Store.GetStreamAsync(stream))!.Metadata);
    }

    [Fact]
    public async Task Deleting_leaves_other_streams_alone()
    {
        var deleted = NewStream();
        var kept = NewStream();
        await Store.AppendAsync(deleted, ExpectedVersion.NoStream, Numbered(1, 2));
        await Store.AppendAsync(kept, ExpectedVersion.NoStream, Numbered(3, 2));

        await Store.DeleteStreamAsync(deleted);

        Assert.Equal([3, 4], (await Store.ReadStreamAsync(kept)).Select(NumberOf));
        Assert.Equal(2L, (await Store.GetStreamAsync(kept))!.Version);
    }

    [Fact]
    public async Task Deleting_returns_whether_the_stream_existed_metadata_alone_included()
    {
        var stream = NewStream();
        await Store.SetStreamMetadataAsync(stream, new Dictionary<string, string> { ["owner"] = "billing" });

        Assert.False(await Store.DeleteStreamAsync(NewStream()));
        Assert.True(await Store.DeleteStreamAsync(stream));
        Assert.False(await Store.DeleteStreamAsync(stream));
        Assert.Null(await Store.GetStreamAsync(stream));
    }

    [Fact]
    public async Task Expecting_the_old_version_of_a_deleted_stream_fails()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Numbered(1, 2));
        await Store.DeleteStreamAsync(stream);

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(async () => await Store.AppendAsync(stream, ExpectedVersion.Exactly(2), [Numbered(3)]));

        Assert.Equal(0L, error.ActualVersion);
        Assert.Null(await Store.GetStreamAsync(stream));
    }
}
