using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace Estuary.Fixtures.Contracts;

/// <summary>
/// What every <see cref="IEventStore"/> does, whatever keeps the events. Derive a sealed test class per
/// implementation; xunit runs these tests in it. Each test works in streams of its own, so the tests of
/// one class can share a store (and a database); reading all events, they look at their own streams only.
/// </summary>
public abstract partial class EventStoreContract
{
    /// <summary>The store under test.</summary>
    protected abstract IEventStore Store { get; }

    /// <summary>
    /// Runs <paramref name="work"/> in a unit of work the store takes part in: committed when the work
    /// returns, rolled back when it throws (the exception then propagates).
    /// </summary>
    protected abstract Task InUnitOfWorkAsync(Func<Task> work);

    /// <summary>A stream no other test uses.</summary>
    protected static string NewStream(string name = "order") => name + "-" + Guid.NewGuid().ToString("N");

    /// <summary>An event whose payload is <c>{"n": n}</c>.</summary>
    protected static EventData Numbered(int n, EventMetadata? metadata = null, string type = "thing-happened", int revision = 1) =>
        new(Guid.NewGuid(), type, Encoding.UTF8.GetBytes($$"""{"n": {{n}}}"""), metadata ?? EventMetadata.Empty, revision);

    /// <summary>Events numbered <paramref name="from"/>, <paramref name="from"/> + 1, ...</summary>
    protected static EventData[] Numbered(int from, int count) => [.. Enumerable.Range(from, count).Select(n => Numbered(n))];

    /// <summary>The number in a payload written by <see cref="Numbered(int, EventMetadata?, string, int)"/>.</summary>
    protected static int NumberOf(RecordedEvent recorded) => JsonNode.Parse(recorded.Data.Span)!["n"]!.GetValue<int>();

    /// <summary>Whether two payloads are the same JSON (stores may normalize whitespace and key order).</summary>
    protected static void SameJson(ReadOnlyMemory<byte> expected, ReadOnlyMemory<byte> actual) =>
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(expected.Span), JsonNode.Parse(actual.Span)),
            $"Expected {Encoding.UTF8.GetString(expected.Span)}, read {Encoding.UTF8.GetString(actual.Span)}.");

    /// <summary>Whether two maps hold the same entries, in whatever order.</summary>
    protected static void SameEntries(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> actual) =>
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), actual.OrderBy(e => e.Key, StringComparer.Ordinal));

    /// <summary>
    /// Reads all events from the start in batches of <paramref name="batchSize"/>, checking every page, until
    /// <paramref name="expected"/> events of <paramref name="streams"/> were seen; returns those. A store may
    /// withhold events for a while (PostgreSQL does while an older transaction is open), so an empty page
    /// means "look again", up to a deadline.
    /// </summary>
    protected async Task<List<RecordedEvent>> ReadAllOfAsync(IReadOnlyCollection<string> streams, int expected, int batchSize = 500)
    {
        var found = new List<RecordedEvent>();
        var position = AllPosition.Start;
        var waiting = Stopwatch.StartNew();
        while (found.Count < expected)
        {
            var page = await Store.ReadAllAsync(position, batchSize);
            Assert.InRange(page.Events.Count, 0, batchSize);
            foreach (var recorded in page.Events)
            {
                Assert.True(recorded.Checkpoint.CompareTo(position) > 0, $"Event at {recorded.Checkpoint} came after {position}.");
                position = recorded.Checkpoint;
                if (streams.Contains(recorded.StreamId))
                {
                    found.Add(recorded);
                }
            }

            Assert.Equal(position, page.Next);
            if (page.Events.Count == 0)
            {
                Assert.True(waiting.Elapsed < TimeSpan.FromSeconds(20), $"Read {found.Count} of {expected} events of the test's streams, then no more came.");
                await Task.Delay(20);
            }
        }

        return found;
    }

    [Fact]
    public async Task Appended_events_read_back_in_order_with_versions_from_1()
    {
        var stream = NewStream();

        var first = await Store.AppendAsync(stream, ExpectedVersion.NoStream, Numbered(1, 3));
        var second = await Store.AppendAsync(stream, ExpectedVersion.Exactly(3), Numbered(4, 2));

        var read = await Store.ReadStreamAsync(stream);
        Assert.Equal([1, 2, 3, 4, 5], read.Select(NumberOf));
        Assert.Equal([1L, 2, 3, 4, 5], read.Select(e => e.StreamVersion));
        Assert.All(read, e => Assert.Equal(stream, e.StreamId));
        Assert.Equal(new AppendResult(3, read[2].Position), first);
        Assert.Equal(new AppendResult(5, read[4].Position), second);
    }

    [Fact]
    public async Task Positions_increase_in_append_order_across_streams()
    {
        var a = NewStream();
        var b = NewStream();

        await Store.AppendAsync(a, ExpectedVersion.Any, Numbered(1, 2));
        await Store.AppendAsync(b, ExpectedVersion.Any, Numbered(3, 1));
        await Store.AppendAsync(a, ExpectedVersion.Any, Numbered(4, 2));

        var positions = (await Store.ReadStreamAsync(a)).Concat(await Store.ReadStreamAsync(b)).OrderBy(NumberOf).Select(e => e.Position).ToList();
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(positions.Count, positions.Distinct().Count());
    }

    [Fact]
    public async Task Reading_backwards_returns_the_newest_first()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Numbered(1, 5));

        var read = await Store.ReadStreamAsync(stream, ReadDirection.Backwards);

        Assert.Equal([5L, 4, 3, 2, 1], read.Select(e => e.StreamVersion));
        Assert.Equal([5, 4, 3, 2, 1], read.Select(NumberOf));
    }

    [Theory]
    [InlineData(ReadDirection.Forwards, 3L, int.MaxValue, new long[] { 3, 4, 5 })]
    [InlineData(ReadDirection.Forwards, 2L, 2, new long[] { 2, 3 })]
    [InlineData(ReadDirection.Forwards, null, 1, new long[] { 1 })]
    [InlineData(ReadDirection.Forwards, 0L, int.MaxValue, new long[] { 1, 2, 3, 4, 5 })]
    [InlineData(ReadDirection.Forwards, 5L, 10, new long[] { 5 })]
    [InlineData(ReadDirection.Forwards, 6L, 10, new long[0])]
    [InlineData(ReadDirection.Backwards, 4L, 2, new long[] { 4, 3 })]
    [InlineData(ReadDirection.Backwards, null, 1, new long[] { 5 })]
    [InlineData(ReadDirection.Backwards, 1L, 10, new long[] { 1 })]
    [InlineData(ReadDirection.Backwards, 99L, int.MaxValue, new long[] { 5, 4, 3, 2, 1 })]
    [InlineData(ReadDirection.Backwards, 0L, 10, new long[0])]
    public async Task Reading_from_a_version_with_a_maximum_count(ReadDirection direction, long? fromVersion, int maxCount, long[] versions)
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Numbered(1, 5));

        var read = await Store.ReadStreamAsync(stream, direction, fromVersion, maxCount);

        Assert.Equal(versions, read.Select(e => e.StreamVersion));
        Assert.Equal(versions.Select(v => (int)v), read.Select(NumberOf));
    }

    [Fact]
    public async Task A_stream_that_does_not_exist_reads_empty_and_has_no_state()
    {
        var stream = NewStream();

        Assert.Empty(await Store.ReadStreamAsync(stream));
        Assert.Empty(await Store.ReadStreamAsync(stream, ReadDirection.Backwards));
        Assert.Null(await Store.GetStreamAsync(stream));
    }

    [Fact]
    public async Task Streams_are_numbered_independently_and_ids_are_case_sensitive()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, Numbered(1, 2));
        await Store.AppendAsync(stream.ToUpperInvariant(), ExpectedVersion.NoStream, Numbered(10, 1));

        Assert.Equal([1, 2], (await Store.ReadStreamAsync(stream)).Select(NumberOf));
        var upper = Assert.Single(await Store.ReadStreamAsync(stream.ToUpperInvariant()));
        Assert.Equal((1L, 10), (upper.StreamVersion, NumberOf(upper)));
    }

    [Fact]
    public async Task Event_id_type_revision_payload_and_metadata_read_back_as_appended()
    {
        var stream = NewStream();
        var metadata = new EventMetadata
        {
            CorrelationId = "corr-1",
            CausationId = "msg-\"7\"",
            AggregateId = "order/42",
            AggregateType = "shop.order",
            AggregateVersion = long.MaxValue,
            Headers = new Dictionary<string, string> { ["user"] = "Zoë 👩‍🍳", ["tenant"] = "", ["line\nbreak"] = "tab\there", ["quote\""] = "\\" },
        };
        var payload = """{"Product": "tea", "Lines": [{"Sku": "A-1", "Price": 12.5}], "Note": "ünïcødé ✓", "Empty": null}""";
        var appended = new EventData(Guid.NewGuid(), "shop.order-placed", Encoding.UTF8.GetBytes(payload), metadata, Revision: 3);

        await Store.AppendAsync(stream, ExpectedVersion.NoStream, [appended, Numbered(2)]);

        var read = await Store.ReadStreamAsync(stream);
        Assert.Equal(appended.EventId, read[0].EventId);
        Assert.Equal("shop.order-placed", read[0].Type);
        Assert.Equal(3, read[0].Revision);
        SameJson(appended.Data, read[0].Data);
        Assert.Equal(metadata, read[0].Metadata);
        SameEntries(metadata.Headers, read[0].Metadata.Headers);
        Assert.Equal(EventMetadata.Empty, read[1].Metadata);
        Assert.Empty(read[1].Metadata.Headers);
        Assert.Equal(1, read[1].Revision);
    }

    [Fact]
    public async Task Metadata_with_some_fields_reads_back_with_the_others_missing()
    {
        var stream = NewStream();
        var metadata = new EventMetadata { CorrelationId = "c", AggregateVersion = 0 };

        await Store.AppendAsync(stream, ExpectedVersion.NoStream, [Numbered(1, metadata)]);

        var read = Assert.Single(await Store.ReadStreamAsync(stream)).Metadata;
        Assert.Equal(metadata, read);
        Assert.Null(read.CausationId);
        Assert.Null(read.AggregateId);
        Assert.Empty(read.Headers);
    }

    [Fact]
    public async Task Changing_the_appended_payload_afterwards_changes_nothing_stored()
    {
        var stream = NewStream();
        var data = Encoding.UTF8.GetBytes("""{"n": 1}""");
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, [new EventData(Guid.NewGuid(), "t", data, EventMetadata.Empty)]);

        data[6] = (byte)'9';

        var read = Assert.Single(await Store.ReadStreamAsync(stream));
        Assert.Equal(1, NumberOf(read));
    }
}
