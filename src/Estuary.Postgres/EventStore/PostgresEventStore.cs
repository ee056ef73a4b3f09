using System;
using System.Collections.Generic;
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
    // Read in this order by ReadEvent; read-all adds stream_id.
    private const string Columns = "version, position, transaction_id, event_id, type, revision, data, metadata, created_at";
    private const string UniqueEventId = "events_event_id";
    private const string UniqueStreamVersion = "events_stream_version";

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresSchema _schema;
    private readonly bool _autoCreateSchema;
    private readonly TimeProvider _time;
    private readonly string _appendOneSql;
    private readonly string _appendManySql;
    private readonly string _appendOneExpectingSql;
    private readonly string _appendManyExpectingSql;
    private readonly string _versionSql;
    private readonly string _forwardsSql;
    private readonly string _backwardsSql;
    private readonly string _allSql;
    private readonly string _streamSql;
    private readonly string _setMetadataSql;
    private readonly string _deleteStreamSql;
    private readonly string _deleteEventsSql;
    private readonly string _importSql;
    private readonly string _importStreamsSql;

    /// <summary>Creates the store over the streams and events tables of <paramref name="dataSource"/>.</summary>
    /// <param name="dataSource">The database; sessions of this data source are joined. A slim data source is enough.</param>
    /// <param name="options">The schema and whether to create it (default: schema <c>estuary</c>, created on first use).</param>
    /// <param name="timeProvider">The clock stamping <c>created_at</c> and <c>updated_at</c> (default: the system clock).</param>
    public PostgresEventStore(NpgsqlDataSource dataSource, PostgresOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        options ??= new PostgresOptions();
        _dataSource = dataSource;
        _schema = new PostgresSchema(options.SchemaName);
        _autoCreateSchema = options.AutoCreateSchema;
        _time = timeProvider ?? TimeProvider.System;
        var streams = _schema.Streams;
        var events = _schema.Events;

        // An append is one statement: the first part moves the stream's row to its new version if it is at
        // the expected one, the second inserts the events numbered from the version it returned. A miss
        // returns no row and inserts nothing, without an error, so a unit of work's transaction stays usable.
        // The row lock serializes appenders of one stream; a waiting appender re-checks the version against
        // the row the winner committed.
        // The events' transaction_id is this transaction's id, or the stream's last one if higher: a
        // transaction that got its id early (at its first write) but appends after a newer one must not
        // place its events before that one's in the order of all events. Never below the appender's own
        // id, it still keeps readers of all events from passing events that are not committed.
        // $1 stream, $2 number of events, $3 expected version (-1: any), $4 now, then the events.
        var upsert = $"""
            INSERT INTO {streams} AS s (stream_id, version, last_transaction_id, created_at, updated_at) VALUES ($1, $2, pg_current_xact_id(), $4, $4)
            ON CONFLICT (stream_id) DO UPDATE SET version = s.version + excluded.version,
                last_transaction_id = GREATEST(s.last_transaction_id, excluded.last_transaction_id), updated_at = excluded.updated_at
            WHERE $3 < 0 OR s.version = $3
            RETURNING version, last_transaction_id
            """;
        var update = $"""
            UPDATE {streams} SET version = version + $2, last_transaction_id = GREATEST(last_transaction_id, pg_current_xact_id()), updated_at = $4
            WHERE stream_id = $1 AND version = $3
            RETURNING version, last_transaction_id
            """;

        // One event, the common case, takes plain parameters: $5 id, $6 type, $7 revision, $8 data, $9 metadata.
        var one = "SELECT stream.last_transaction_id, $1, stream.version, $5, $6, $7, $8, $9, $4 FROM stream";

        // Several travel as one jsonb array ($5, see EventJson.WriteEvents), expanded in order: the identity
        // gives positions in the order rows are inserted, so positions follow versions within the append.
        var many = """
            SELECT stream.last_transaction_id, $1, stream.version - $2 + e.n, (e.value->>'id')::uuid, e.value->>'type', (e.value->>'revision')::integer,
                e.value->'data', e.value->'metadata', $4
            FROM stream, jsonb_array_elements($5) WITH ORDINALITY AS e(value, n)
            ORDER BY e.n
            """;
        string Append(string head, string rows) => $"""
            WITH stream AS ({head}),
            appended AS (
                INSERT INTO {events} (transaction_id, stream_id, version, event_id, type, revision, data, metadata, created_at)
                {rows}
                RETURNING position)
            SELECT stream.version, (SELECT max(position) FROM appended) FROM stream
            """;

        // A stream that does not exist (or holds only metadata, at version 0) is created by the upsert;
        // an exact version above 0 needs the row, so a plain update is enough.
        _appendOneSql = Append(upsert, one);
        _appendManySql = Append(upsert, many);
        _appendOneExpectingSql = Append(update, one);
        _appendManyExpectingSql = Append(update, many);
        _versionSql = $"SELECT version FROM {streams} WHERE stream_id = $1";

        _forwardsSql = $"SELECT {Columns} FROM {events} WHERE stream_id = $1 AND version >= $2 ORDER BY version LIMIT $3";
        _backwardsSql = $"SELECT {Columns} FROM {events} WHERE stream_id = $1 AND version <= $2 ORDER BY version DESC LIMIT $3";

        // Only below the oldest transaction still running (xmin): an event's transaction_id is never below
        // its appender's id, so those events are final, and every event still to come will sort after
        // them (see docs/event-store.md, "Reading all events").
        _allSql = $"""
            SELECT {Columns}, stream_id FROM {events}
            WHERE (transaction_id, position) > ($1, $2) AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
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
        _deleteEventsSql = $"DELETE FROM {events} WHERE stream_id = $1";

        _importSql = $"COPY {events} (stream_id, version, event_id, type, revision, data, metadata, created_at) FROM STDIN (FORMAT BINARY)";
        _importStreamsSql = $"""
            INSERT INTO {streams} AS s (stream_id, version, last_transaction_id, created_at, updated_at)
            SELECT stream_id, max(version), pg_current_xact_id(), min(created_at), $1 FROM {events} WHERE transaction_id = pg_current_xact_id() GROUP BY stream_id
            ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, last_transaction_id = excluded.last_transaction_id, updated_at = excluded.updated_at
            """;
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
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var append = lease.CreateCommand(exact ? single ? _appendOneExpectingSql : _appendManyExpectingSql : single ? _appendOneSql : _appendManySql))
        {
            append.Parameters.Add(Parameters.Text(streamId));
            append.Parameters.Add(Parameters.Bigint(events.Count));
            append.Parameters.Add(Parameters.Bigint(expected.Value));
            append.Parameters.Add(Parameters.Timestamp(_time.GetUtcNow()));
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
            catch (PostgresException error) when (error is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: UniqueEventId })
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
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.CreateCommand(forwards ? _forwardsSql : _backwardsSql);
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
    /// <remarks>
    /// Events come in the order of their transactions' ids, then positions, and only from transactions
    /// older than every transaction running when the batch is read: any transaction that writes (to any
    /// table) and stays open holds readers back until it ends. Inside a unit of work that has written,
    /// the batch stops before that unit of work's own events.
    /// </remarks>
    public async ValueTask<AllEventsPage> ReadAllAsync(AllPosition after, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
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
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
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
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.CreateCommand(_setMetadataSql);
        command.Parameters.Add(Parameters.Text(streamId));
        command.Parameters.Add(Parameters.Jsonb(json));
        command.Parameters.Add(Parameters.Timestamp(_time.GetUtcNow()));
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
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = lease.CreateBatch();
        var stream = new NpgsqlBatchCommand(_deleteStreamSql) { Parameters = { Parameters.Text(streamId) } };
        batch.BatchCommands.Add(stream);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(_deleteEventsSql) { Parameters = { Parameters.Text(streamId) } });
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
            Metadata: EventJson.ReadMetadata(reader.GetFieldValue<byte[]>(7), streamId, version),
            CreatedAt: reader.GetFieldValue<DateTimeOffset>(8));
    }

    private ValueTask<ConnectionLease> OpenAsync(CancellationToken cancellationToken) =>
        ConnectionLease.OpenAsync(_dataSource, PostgresSession.Ambient(_dataSource), cancellationToken);

    private Task EnsureSchemaAsync(CancellationToken cancellationToken) =>
        _autoCreateSchema ? _schema.EnsureCreatedAsync(_dataSource, cancellationToken) : Task.CompletedTask;
}
