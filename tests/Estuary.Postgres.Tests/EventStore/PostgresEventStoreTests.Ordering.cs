using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace Estuary.Postgres.Tests.EventStore;

// The order of all events against open and rolled-back transactions, and round trips per operation.
public sealed partial class PostgresEventStoreTests
{
    [Fact]
    public async Task Read_all_withholds_a_later_commit_while_an_earlier_writer_is_open_then_returns_both_in_order()
    {
        var early = NewStream("early");
        var late = NewStream("late");
        var appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var commit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var earlyWriter = Task.Run(() => UnitOfWork.RunAsync(async _ =>
        {
            await Store.AppendAsync(early, ExpectedVersion.NoStream, [Numbered(1)]);
            appended.SetResult();
            await commit.Task;
        }));
        await appended.Task;
        await Store.AppendAsync(late, ExpectedVersion.NoStream, [Numbered(2)]);

        // A naive reader ordering by position alone already sees the late event; remembering its position
        // as checkpoint, it would never read the early event, whose position is lower.
        Assert.Equal([late], await NaivelyReadStreamsAsync(early, late));
        var whileOpen = await Store.ReadAllAsync(AllPosition.Start, batchSize: 10_000);
        Assert.DoesNotContain(whileOpen.Events, e => e.StreamId == early || e.StreamId == late);

        commit.SetResult();
        await earlyWriter;

        var all = await ReadAllOfAsync([early, late], expected: 2);
        Assert.Equal([early, late], all.Select(e => e.StreamId));
        Assert.True(all[0].Position < all[1].Position, "The early writer's event should have the lower position: that is what a naive reader skips.");
        Assert.True(all[0].Transaction < all[1].Transaction);
    }

    [Fact]
    public async Task Read_all_keeps_a_streams_order_when_an_older_transaction_appends_after_a_newer_one()
    {
        var stream = NewStream();
        var elsewhere = NewStream("elsewhere");
        var wrote = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var appendNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The older transaction gets its id at its first write (a handler's transaction gets it when it
        // claims its message), then appends to the stream only after a newer transaction did.
        var older = Task.Run(() => UnitOfWork.RunAsync(async _ =>
        {
            await Store.AppendAsync(elsewhere, ExpectedVersion.NoStream, [Numbered(1)]);
            wrote.SetResult();
            await appendNow.Task;
            await Store.AppendAsync(stream, ExpectedVersion.Exactly(1), [Numbered(3)]);
        }));
        await wrote.Task;
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, [Numbered(2)]);
        appendNow.SetResult();
        await older;

        var all = await ReadAllOfAsync([stream, elsewhere], expected: 3);

        Assert.Equal([1, 2, 3], all.Select(NumberOf));
        Assert.Equal([1L, 2], all.Where(e => e.StreamId == stream).Select(e => e.StreamVersion));
        Assert.True(all[0].Transaction < all[1].Transaction, "The older transaction's first event keeps its own id.");
        Assert.Equal(all[1].Transaction, all[2].Transaction);
    }

    [Fact]
    public async Task A_rolled_back_append_leaves_no_event_and_no_hole_that_stops_readers()
    {
        var undone = NewStream("undone");
        var kept = NewStream("kept");
        var appended = new TaskCompletionSource<AppendResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var rollback = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var undoneWriter = Task.Run(() => UnitOfWork.RunAsync(async _ =>
        {
            appended.SetResult(await Store.AppendAsync(undone, ExpectedVersion.NoStream, Numbered(1, 3)));
            await rollback.Task;
            throw new AttemptFailed();
        }));
        var undonePosition = (await appended.Task).LastPosition;
        await Store.AppendAsync(kept, ExpectedVersion.NoStream, [Numbered(4)]);

        rollback.SetResult();
        await Assert.ThrowsAsync<AttemptFailed>(() => undoneWriter);

        var all = await ReadAllOfAsync([undone, kept], expected: 1);
        Assert.Equal(kept, Assert.Single(all).StreamId);
        Assert.True(all[0].Position > undonePosition, "The rolled-back append's positions are a gap before the kept event.");
        Assert.Empty(await Store.ReadStreamAsync(undone));
        Assert.Null(await Store.GetStreamAsync(undone));
    }

    [Fact]
    public async Task A_reader_in_a_unit_of_work_that_appended_stops_before_its_own_events_until_it_commits()
    {
        var before = NewStream("before");
        var own = NewStream("own");
        await Store.AppendAsync(before, ExpectedVersion.NoStream, [Numbered(1)]);
        await ReadAllOfAsync([before], expected: 1);

        await UnitOfWork.RunAsync(async _ =>
        {
            await Store.AppendAsync(own, ExpectedVersion.NoStream, [Numbered(2)]);
            var inside = await Store.ReadAllAsync(AllPosition.Start, batchSize: 10_000);
            Assert.Contains(inside.Events, e => e.StreamId == before);
            Assert.DoesNotContain(inside.Events, e => e.StreamId == own);
        });

        Assert.Equal([before, own], (await ReadAllOfAsync([before, own], expected: 2)).Select(e => e.StreamId));
    }

    [Fact]
    public async Task Every_operation_takes_one_round_trip_whatever_the_number_of_events()
    {
        var stream = NewStream();
        var other = NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, [Numbered(0)]);
        using var trips = new RoundTrips(database.Schema);

        await Store.AppendAsync(stream, ExpectedVersion.Exactly(1), [Numbered(1)]);
        Assert.Equal(1, trips.Take());
        await Store.AppendAsync(stream, ExpectedVersion.Exactly(2), Numbered(2, 500));
        Assert.Equal(1, trips.Take());
        await Store.AppendAsync(other, ExpectedVersion.NoStream, Numbered(1, 2));
        Assert.Equal(1, trips.Take());
        await Store.AppendAsync(other, ExpectedVersion.Any, [Numbered(3)]);
        Assert.Equal(1, trips.Take());
        Assert.Equal(502, (await Store.ReadStreamAsync(stream)).Count);
        Assert.Equal(1, trips.Take());
        var replayed = await Store.ReadStreamForReplayAsync(stream, 2);
        Assert.Equal(1, trips.Take());
        Assert.Equal(501, replayed.Count);

        // What makes the replay read lighter: the rows come without their metadata.
        Assert.All(replayed, e => Assert.Same(EventMetadata.Empty, e.Metadata));
        await Store.ReadAllAsync(AllPosition.Start, 100);
        Assert.Equal(1, trips.Take());
        await Store.GetStreamAsync(stream);
        Assert.Equal(1, trips.Take());
        await Store.SetStreamMetadataAsync(stream, new Dictionary<string, string> { ["a"] = "b" });
        Assert.Equal(1, trips.Take());
        await Store.DeleteStreamAsync(other);
        Assert.Equal(1, trips.Take());

        // A failed append reads the version once more, only to report it.
        await Assert.ThrowsAsync<WrongExpectedVersionException>(async () => await Store.AppendAsync(stream, ExpectedVersion.Exactly(1), [Numbered(9)]));
        Assert.Equal(2, trips.Take());
    }

    [Fact]
    public async Task Read_all_finds_both_of_its_bounds_in_the_transaction_position_index()
    {
        // The test's table is too small for the planner to prefer an index on its own.
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await using (var planner = new NpgsqlCommand("SET enable_seqscan = off; SET enable_bitmapscan = off", connection))
        {
            await planner.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand(
            $"""
            EXPLAIN SELECT position FROM "{database.Schema}".events
            WHERE (transaction_id, position) > ('5'::xid8, 7) AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY transaction_id, position LIMIT 100
            """,
            connection);
        var plan = string.Join('\n', await ReadLinesAsync(explain));

        Assert.Contains("using events_transaction_position", plan, StringComparison.Ordinal);
        Assert.Contains("Index Cond: ((ROW(transaction_id, \"position\") > ROW('5'::xid8, 7)) AND (transaction_id < pg_snapshot_xmin(pg_current_snapshot())))", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", plan, StringComparison.Ordinal);
    }

    private static async Task<List<string>> ReadLinesAsync(NpgsqlCommand command)
    {
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }

    private async Task<List<string>> NaivelyReadStreamsAsync(params string[] streams) =>
        await OutsideAsync(async () =>
        {
            await using var naive = database.DataSource.CreateCommand($"SELECT stream_id FROM \"{database.Schema}\".events WHERE position > 0 AND stream_id IN ($1, $2) ORDER BY position");
            naive.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streams[0] });
            naive.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streams[1] });
            return await ReadLinesAsync(naive);
        });

    /// <summary>Counts the commands (each one round trip) Npgsql runs against this test class's schema.</summary>
    private sealed class RoundTrips : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly ConcurrentQueue<string> _commands = new();

        public RoundTrips(string schema)
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "Npgsql",
                Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.GetTagItem("db.query.text") is string sql && sql.Contains(schema, StringComparison.Ordinal))
                    {
                        _commands.Enqueue(sql);
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        /// <summary>How many commands ran since the last call.</summary>
        public int Take()
        {
            var count = 0;
            while (_commands.TryDequeue(out _))
            {
                count++;
            }

            return count;
        }

        public void Dispose() => _listener.Dispose();
    }
}
