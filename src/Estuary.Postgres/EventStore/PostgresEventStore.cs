using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Estuary.Postgres;

/// <summary>
/// Event streams in the PostgreSQL tables <c>streams</c> and <c>events</c>. Inside a unit of work on
/// the same data source (a message received from a Postgres channel, <see cref="PostgresUnitOfWork"/>)
/// every operation runs in its transaction: a handler's appends commit with the message, and a failed
/// attempt's rollback undoes them. Elsewhere each operation runs on a connection of its own, in
/// autocommit. Every operation is one round trip, whatever the number of events (an append that finds
/// the stream at another version reads it once more to report it).
/// <code>var events = new PostgresEventStore(dataSource, new PostgresOptions { SchemaName = "shop" });</code>
/// </summary>
public sealed partial class PostgresEventStore : IEventStore
{
    private readonly PostgresDatabase _database;
    private readonly EventTableSql _shared;
    private readonly (EventStreamTable Route, EventTableSql Table)[] _routes;
    private readonly string _versionSql;
    private readonly string _allSql;
    private readonly string _streamSql;
    private readonly string _setMetadataSql;
    private readonly string _deleteStreamSql;

    /// <summary>Creates the store over the streams and events tables of <paramref name="dataSource"/>.</summary>
    /// <param name="dataSource">The database; sessions of this data source are joined. A slim data source is enough.</param>
    /// <param name="options">The schema, whether to create it (default: schema <c>estuary</c>, created on first use) and the streams kept in events tables of their own.</param>
    /// <param name="timeProvider">The clock stamping <c>created_at</c> and <c>updated_at</c> (default: the system clock).</param>
    /// <param name="eventTables">More streams kept in tables of their own, besides <see cref="PostgresOptions.EventTables"/> (the generated module's, for aggregates declaring a <c>Table</c>).</param>
    /// <exception cref="ArgumentException">One stream prefix is routed to two tables.</exception>
    public PostgresEventStore(NpgsqlDataSource dataSource, PostgresOptions? options = null, TimeProvider? timeProvider = null, IEnumerable<EventStreamTable>? eventTables = null)
        : this(new PostgresDatabase(dataSource, options, timeProvider, eventTables))
    {
    }

    /// <summary>Creates the store over the streams and events tables of <paramref name="database"/> (what <c>UsePostgres</c> registers).</summary>
    /// <param name="database">The database, its schema with the streams kept in events tables of their own, and its clock; its sessions are joined.</param>
    public PostgresEventStore(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        var routes = database.EventTables;
        var schema = database.Schema;
        var streams = schema.Streams;
        _shared = new EventTableSql(streams, _database.Schema.Events, "events");
        var tables = _database.Schema.EventTables.ToDictionary(table => table, table => new EventTableSql(streams, _database.Schema.EventTable(table), "events_" + table), StringComparer.Ordinal);

        // The longest prefix first, so "order-lines" wins over "order" for stream "order-lines-7".
        _routes = routes.OrderByDescending(r => r.StreamPrefix.Length).Select(r => (r, tables[r.Table])).ToArray();

        _versionSql = $"SELECT version FROM {streams} WHERE stream_id = $1";

        // Every table's next batch, merged: a checkpoint orders events across tables as within one. One
        // statement has one snapshot, so every branch stops below the same xmin; a branch bounded by a
        // later xmin could pass events that another branch still withholds.
        _allSql = tables.Count == 0
            ? _shared.All
            : $"""
                SELECT * FROM (
                ({_shared.All})
                {string.Concat(tables.Values.Select(table => $"UNION ALL ({table.All})\n"))}) AS all_events
                ORDER BY transaction_id, position
                LIMIT $3
                """;

        _streamSql = $"SELECT version, metadata FROM {streams} WHERE stream_id = $1";
        _setMetadataSql = $"""
            INSERT INTO {streams} AS s (stream_id, version, metadata, created_at, updated_at) VALUES ($1, 0, $2, $3, $3)
            ON CONFLICT (stream_id) DO UPDATE SET metadata = excluded.metadata, updated_at = excluded.updated_at
            """;

        // Two statements of one batch, so that deleting the row (which waits for the appenders holding it)
        // comes first, and the events are deleted by a statement that sees what those appenders committed.
        _deleteStreamSql = $"DELETE FROM {streams} WHERE stream_id = $1";
    }

    /// <inheritdoc />
    /// <remarks>
    /// One statement, one round trip. Payloads must be JSON (they are stored as jsonb, which normalizes
    /// whitespace and key order); an event id already in the store is refused with an
    /// <see cref="InvalidOperationException"/> and nothing is appended.
    /// </remarks>
    public async ValueTask<AppendResult> AppendAsync(string streamId, ExpectedVersion expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default)
    {
        EventStoreArguments.ValidateAppend(streamId, events);
        for (var i = 0; i < events.Count; i++)
        {
            EventJson.ValidatePayload(events[i], i);
        }

        var exact = expected.Value > 0;
        var single = events.Count == 1;
        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var table = TableOf(streamId);
        await using (var append = lease.CreateCommand(exact ? single ? table.AppendOneExpecting : table.AppendManyExpecting : single ? table.AppendOne : table.AppendMany))
        {
            append.Parameters.Add(Parameters.Text(streamId));
            append.Parameters.Add(Parameters.Bigint(events.Count));
            append.Parameters.Add(Parameters.Bigint(expected.Value));
            append.Parameters.Add(Parameters.Timestamp(_database.Time.GetUtcNow()));
            if (single)
            {
                var data = events[0];
                append.Parameters.Add(Parameters.Uuid(data.EventId));
                append.Parameters.Add(Parameters.Text(data.Type));
                append.Parameters.Add(Parameters.Integer(data.Revision));
                append.Parameters.Add(Parameters.Jsonb(data.Data));
                append.Parameters.Add(Parameters.Jsonb(EventJson.WriteMetadata(data.Metadata)));
            }
            else
            {
                append.Parameters.Add(Parameters.Jsonb(EventJson.WriteEvents(events)));
            }

            try
            {
                await using var reader = await append.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return new AppendResult(reader.GetInt64(0), reader.GetInt64(1));
                }
            }
            catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.UniqueViolation && error.ConstraintName == table.UniqueEventId)
            {
                throw new InvalidOperationException(
                    $"An event of the append to stream '{streamId}' has an id that is already in the store, and event ids are unique. "
                    + "Was the append made before (retried after a lost connection)? Read the stream to check; give new events new ids (Guid.CreateVersion7()). Nothing was appended.",
                    error);
            }
        }

        // Only to name the version found in the error: the append itself already failed, changing nothing.
        await using var read = lease.CreateCommand(_versionSql);
        read.Parameters.Add(Parameters.Text(streamId));
        var actual = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long found ? found : 0;
        throw new WrongExpectedVersionException(streamId, expected, actual);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, ReadDirection direction = ReadDirection.Forwards, long? fromVersion = null, int maxCount = int.MaxValue, CancellationToken cancellationToken = default)
    {
        EventStoreArguments.ValidateRead(streamId, maxCount);
        var forwards = direction == ReadDirection.Forwards;
        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var table = TableOf(streamId);
        await using var command = lease.CreateCommand(forwards ? table.Forwards : table.Backwards);
        command.Parameters.Add(Parameters.Text(streamId));
        command.Parameters.Add(Parameters.Bigint(fromVersion ?? (forwards ? 1 : long.MaxValue)));
        command.Parameters.Add(Parameters.Integer(maxCount));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<RecordedEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(ReadEvent(reader, streamId));
        }

        return events;
    }

    /// <inheritdoc />
    /// <remarks>Metadata is left out (<see cref="EventMetadata.Empty"/>): the rows are read without it.</remarks>
    public async ValueTask<IReadOnlyList<RecordedEvent>> ReadStreamForReplayAsync(string streamId, long fromVersion = 1, CancellationToken cancellationToken = default)
    {
        EventStoreArguments.ValidateRead(streamId, int.MaxValue);
        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.CreateCommand(TableOf(streamId).Replay);
        command.Parameters.Add(Parameters.Text(streamId));
        command.Parameters.Add(Parameters.Bigint(fromVersion));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<RecordedEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(ReadEvent(reader, streamId));
        }

        return events;
    }

    /// <inheritdoc />
    /// <remarks>One round trip: a statement per events table the streams live in, each one index lookup per stream.</remarks>
    public async ValueTask<IReadOnlyList<RecordedEvent>> ReadStreamsAsync(IReadOnlyList<StreamSlice> slices, int maxPerStream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slices);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPerStream);
        if (slices.Count == 0)
        {
            return [];
        }

        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = lease.CreateBatch();
        var byTable = slices.Select((slice, index) => (slice, index)).GroupBy(s => TableOf(s.slice.StreamId)).ToArray();
        foreach (var table in byTable)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(table.Key.Slices)
            {
                Parameters =
                {
                    Parameters.Jsonb(PositionsJson.Write(table.Select(s => (s.slice.StreamId, s.slice.AfterVersion)))),
                    Parameters.Integer(maxPerStream),
                },
            });
        }

        var events = new List<RecordedEvent>();
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            do
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    events.Add(ReadEvent(reader, reader.GetString(9)));
                }
            }
            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
        }

        if (byTable.Length == 1)
        {
            return events;
        }

        // Streams of several tables: back in the order they were asked for.
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < slices.Count; i++)
        {
            order.TryAdd(slices[i].StreamId, i);
        }

        return [.. events.OrderBy(e => order[e.StreamId]).ThenBy(e => e.StreamVersion)];
    }

    /// <inheritdoc />
    /// <remarks>
    /// Events come in the order of their transactions' ids, then positions, and only from transactions
    /// older than every transaction running when the batch is read: any transaction that writes (to any
    /// table) and stays open holds readers back until it ends. Inside a unit of work that has written,
    /// the batch stops before that unit of work's own events.
    /// </remarks>
    public async ValueTask<AllEventsPage> ReadAllAsync(AllPosition after, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.CreateCommand(_allSql);
        command.Parameters.Add(Parameters.TransactionId(after.Transaction));
        command.Parameters.Add(Parameters.Bigint(after.Position));
        command.Parameters.Add(Parameters.Integer(batchSize));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<RecordedEvent>(Math.Min(batchSize, 1024));
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(ReadEvent(reader, reader.GetString(9)));
        }

        return new AllEventsPage(events, events.Count == 0 ? after : events[^1].Checkpoint);
    }

    /// <inheritdoc />
    public async ValueTask<StreamState?> GetStreamAsync(string streamId, CancellationToken cancellationToken = default)
    {
        EventStoreArguments.ValidateStream(streamId);
        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.CreateCommand(_streamSql);
        command.Parameters.Add(Parameters.Text(streamId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new StreamState(streamId, reader.GetInt64(0), EventJson.ReadTextObject(reader.GetFieldValue<byte[]>(1), streamId));
    }

    /// <inheritdoc />
    public async ValueTask SetStreamMetadataAsync(string streamId, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken = default)
    {
        EventStoreArguments.ValidateStream(streamId);
        ArgumentNullException.ThrowIfNull(metadata);
        var json = EventJson.WriteTextObject(metadata);
        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.CreateCommand(_setMetadataSql);
        command.Parameters.Add(Parameters.Text(streamId));
        command.Parameters.Add(Parameters.Jsonb(json));
        command.Parameters.Add(Parameters.Timestamp(_database.Time.GetUtcNow()));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// One round trip (two statements in one batch, one transaction). An append in flight to the stream
    /// finishes first; appends after the deletion start a new stream at version 1.
    /// </remarks>
    public async ValueTask<bool> DeleteStreamAsync(string streamId, CancellationToken cancellationToken = default)
    {
        EventStoreArguments.ValidateStream(streamId);
        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = lease.CreateBatch();
        var stream = new NpgsqlBatchCommand(_deleteStreamSql) { Parameters = { Parameters.Text(streamId) } };
        batch.BatchCommands.Add(stream);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(TableOf(streamId).DeleteEvents) { Parameters = { Parameters.Text(streamId) } });
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return stream.RecordsAffected > 0;
    }

    private static RecordedEvent ReadEvent(NpgsqlDataReader reader, string streamId)
    {
        var version = reader.GetInt64(0);

        // jsonb arrives as its text form (Npgsql strips the format's version byte): the payload's UTF-8 bytes.
        return new RecordedEvent(
            streamId,
            version,
            Position: reader.GetInt64(1),
            Transaction: reader.GetFieldValue<ulong>(2),
            EventId: reader.GetGuid(3),
            Type: reader.GetString(4),
            Revision: reader.GetInt32(5),
            Data: reader.GetFieldValue<byte[]>(6),
            Metadata: reader.IsDBNull(7) ? EventMetadata.Empty : EventJson.ReadMetadata(reader.GetFieldValue<byte[]>(7), streamId, version),
            CreatedAt: reader.GetFieldValue<DateTimeOffset>(8));
    }

    // The table of the longest prefix the stream has, else the shared one.
    private EventTableSql TableOf(string streamId)
    {
        foreach (var (route, table) in _routes)
        {
            if (route.Holds(streamId))
            {
                return table;
            }
        }

        return _shared;
    }

    private ValueTask<ConnectionLease> OpenAsync(CancellationToken cancellationToken) =>
        _database.LeaseAsync(cancellationToken);

}
