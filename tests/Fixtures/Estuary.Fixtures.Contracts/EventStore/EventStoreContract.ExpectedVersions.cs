using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.Fixtures.Contracts;

// Expected versions: an append happens only if the stream is as the writer last saw it, all or nothing.
public abstract partial class EventStoreContract
{
    [Fact]
    public async Task No_stream_creates_the_stream()
    {
        var stream = NewStream();

        var result = await Store.AppendAsync(stream, ExpectedVersion.NoStream, Numbered(1, 2));

        Assert.Equal(2L, result.NextExpectedVersion);
        Assert.Equal(2L, (await Store.GetStreamAsync(stream))!.Version);
    }

    [Fact]
    public async Task No_stream_on_a_stream_with_events_fails_with_both_versions_and_appends_nothing()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Numbered(1, 2));

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(async () => await Store.AppendAsync(stream, ExpectedVersion.NoStream, Numbered(3, 2)));

        Assert.Equal(stream, error.StreamId);
        Assert.Equal(0L, error.ExpectedVersion);
        Assert.Equal(2L, error.ActualVersion);
        Assert.Contains($"'{stream}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("no stream", error.Message, StringComparison.Ordinal);
        Assert.Contains("version 2", error.Message, StringComparison.Ordinal);
        Assert.Equal([1, 2], (await Store.ReadStreamAsync(stream)).Select(NumberOf));
    }

    [Fact]
    public async Task Exact_version_appends_after_it_and_the_result_gives_the_next_one()
    {
        var stream = NewStream();
        var result = await Store.AppendAsync(stream, ExpectedVersion.NoStream, Numbered(1, 1));

        for (var n = 2; n <= 4; n++)
        {
            result = await Store.AppendAsync(stream, ExpectedVersion.Exactly(result.NextExpectedVersion), [Numbered(n)]);
        }

        Assert.Equal(4L, result.NextExpectedVersion);
        Assert.Equal([1, 2, 3, 4], (await Store.ReadStreamAsync(stream)).Select(NumberOf));
    }

    [Fact]
    public async Task Stale_exact_version_fails_with_both_versions_and_appends_none_of_the_events()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Numbered(1, 3));

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(async () => await Store.AppendAsync(stream, ExpectedVersion.Exactly(2), Numbered(10, 3)));

        Assert.Equal((2L, 3L), (error.ExpectedVersion, error.ActualVersion));
        Assert.Contains("version 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("version 2", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<ConcurrencyException>(error);
        Assert.Equal([1, 2, 3], (await Store.ReadStreamAsync(stream)).Select(NumberOf));
        Assert.Equal(3L, (await Store.GetStreamAsync(stream))!.Version);
    }

    [Fact]
    public async Task Exact_version_ahead_of_the_stream_fails()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Numbered(1, 2));

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(async () => await Store.AppendAsync(stream, ExpectedVersion.Exactly(5), [Numbered(3)]));

        Assert.Equal((5L, 2L), (error.ExpectedVersion, error.ActualVersion));
        Assert.Equal(2, (await Store.ReadStreamAsync(stream)).Count);
    }

    [Fact]
    public async Task Exact_version_on_a_missing_stream_fails_with_actual_version_0_and_creates_nothing()
    {
        var stream = NewStream();

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(async () => await Store.AppendAsync(stream, ExpectedVersion.Exactly(1), Numbered(1, 2)));

        Assert.Equal((1L, 0L), (error.ExpectedVersion, error.ActualVersion));
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.Null(await Store.GetStreamAsync(stream));
        Assert.Empty(await Store.ReadStreamAsync(stream));
    }

    [Fact]
    public async Task Any_appends_to_a_new_stream_and_after_whatever_a_stream_holds()
    {
        var stream = NewStream();

        Assert.Equal(2L, (await Store.AppendAsync(stream, ExpectedVersion.Any, Numbered(1, 2))).NextExpectedVersion);
        Assert.Equal(3L, (await Store.AppendAsync(stream, ExpectedVersion.Any, Numbered(3, 1))).NextExpectedVersion);

        Assert.Equal([1L, 2, 3], (await Store.ReadStreamAsync(stream)).Select(e => e.StreamVersion));
    }

    [Fact]
    public async Task Appending_after_a_failed_append_uses_the_version_the_failure_reported()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Numbered(1, 2));
        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(async () => await Store.AppendAsync(stream, ExpectedVersion.Exactly(1), [Numbered(3)]));

        await Store.AppendAsync(stream, ExpectedVersion.Exactly(error.ActualVersion), [Numbered(3)]);

        Assert.Equal([1, 2, 3], (await Store.ReadStreamAsync(stream)).Select(NumberOf));
    }
}
