using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.Fixtures.Contracts;

// Arguments are checked before anything is stored.
public abstract partial class EventStoreContract
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Missing_stream_id_is_refused_by_every_operation(string? streamId)
    {
        Func<Task>[] operations =
        [
            async () => await Store.AppendAsync(streamId!, ExpectedVersion.Any, [Numbered(1)]),
            async () => await Store.ReadStreamAsync(streamId!),
            async () => await Store.GetStreamAsync(streamId!),
            async () => await Store.SetStreamMetadataAsync(streamId!, new Dictionary<string, string>()),
            async () => await Store.DeleteStreamAsync(streamId!),
        ];

        foreach (var operation in operations)
        {
            var error = await Assert.ThrowsAnyAsync<ArgumentException>(operation);
            Assert.Equal("streamId", error.ParamName);
        }
    }

    [Fact]
    public async Task An_append_without_events_is_refused()
    {
        var stream = NewStream();

        await Assert.ThrowsAsync<ArgumentNullException>("events", async () => await Store.AppendAsync(stream, ExpectedVersion.Any, null!));
        await Assert.ThrowsAsync<ArgumentException>("events", async () => await Store.AppendAsync(stream, ExpectedVersion.Any, []));

        Assert.Null(await Store.GetStreamAsync(stream));
    }

    public static TheoryData<string, EventData> IncompleteEvents => new()
    {
        { "null event", null! },
        { "no type", Numbered(2, type: "") },
        { "null type", Numbered(2) with { Type = null! } },
        { "null metadata", Numbered(2) with { Metadata = null! } },
        { "revision 0", Numbered(2, revision: 0) },
    };

    [Theory]
    [MemberData(nameof(IncompleteEvents))]
    public async Task An_incomplete_event_is_refused_and_none_of_its_append_is_stored(string problem, EventData incomplete)
    {
        var stream = NewStream();

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await Store.AppendAsync(stream, ExpectedVersion.Any, [Numbered(1), incomplete, Numbered(3)]));

        Assert.Equal("events", error.ParamName);
        Assert.True(await Store.GetStreamAsync(stream) is null, $"An append with an event with {problem} created the stream.");
    }

    [Fact]
    public async Task Counts_and_versions_out_of_range_are_refused()
    {
        var stream = NewStream();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("maxCount", async () => await Store.ReadStreamAsync(stream, maxCount: 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("maxCount", async () => await Store.ReadStreamAsync(stream, ReadDirection.Backwards, maxCount: -1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("batchSize", async () => await Store.ReadAllAsync(AllPosition.Start, batchSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>("version", () => ExpectedVersion.Exactly(-1));
    }

    [Fact]
    public async Task Null_stream_metadata_is_refused()
    {
        var stream = NewStream();

        await Assert.ThrowsAsync<ArgumentNullException>("metadata", async () => await Store.SetStreamMetadataAsync(stream, null!));

        Assert.Null(await Store.GetStreamAsync(stream));
    }
}
