namespace Estuary.Postgres;

/// <summary>
/// The statements of one events table (the shared <c>events</c>, or an <c>events_{name}</c> of its own,
/// see <see cref="EventStreamTable"/>). Streams and their versions live in the one <c>streams</c> table
/// whatever table holds their events.
/// </summary>
internal sealed class EventTableSql
{
    // Read in this order by PostgresEventStore.ReadEvent; read-all adds stream_id.
    public const string Columns = "version, position, transaction_id, event_id, type, revision, data, metadata, created_at";

    // As Columns, with no metadata: PostgresEventStore.ReadEvent reads both.
    public const string ReplayColumns = "version, position, transaction_id, event_id, type, revision, data, NULL::jsonb, created_at";

    public EventTableSql(string streams, string events, string name)
    {
        Name = name;

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

        // Several travel as one jsonb array ($5, see EventJson.WriteEvents), expanded in order: positions
        // are drawn in the order rows are inserted, so positions follow versions within the append.
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
        AppendOne = Append(upsert, one);
        AppendMany = Append(upsert, many);
        AppendOneExpecting = Append(update, one);
        AppendManyExpecting = Append(update, many);

        Forwards = $"SELECT {Columns} FROM {events} WHERE stream_id = $1 AND version >= $2 ORDER BY version LIMIT $3";
        Backwards = $"SELECT {Columns} FROM {events} WHERE stream_id = $1 AND version <= $2 ORDER BY version DESC LIMIT $3";

        // Several streams, each after its own version, through the (stream_id, version) index; the streams
        // keep the order of the JSON array ([{stream_id, after_version}], JSON rather than arrays: a slim data source has no array types). The explicit collation makes the join use the index's.
        Slices = $"""
            SELECT e.*, s.stream_id FROM ROWS FROM (jsonb_to_recordset($1) AS (stream_id text, after_version bigint)) WITH ORDINALITY AS s(stream_id, after_version, n)
            CROSS JOIN LATERAL (
                SELECT {Columns} FROM {events} WHERE stream_id = s.stream_id COLLATE "C" AND version > s.after_version ORDER BY version LIMIT $2
            ) AS e
            ORDER BY s.n, e.version
            """;

        // Without metadata: converting each event's metadata jsonb to text costs the server about as much as its payload's.
        Replay = $"SELECT {ReplayColumns} FROM {events} WHERE stream_id = $1 AND version >= $2 ORDER BY version";

        // Only below the oldest transaction still running (xmin): an event's transaction_id is never below
        // its appender's id, so those events are final, and every event still to come will sort after
        // them (see docs/event-store.md, "Reading all events").
        All = $"""
            SELECT {Columns}, stream_id FROM {events}
            WHERE (transaction_id, position) > ($1, $2) AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY transaction_id, position
            LIMIT $3
            """;

        DeleteEvents = $"DELETE FROM {events} WHERE stream_id = $1";
        Import = $"COPY {events} (stream_id, version, event_id, type, revision, data, metadata, created_at) FROM STDIN (FORMAT BINARY)";
        ImportStreams = $"""
            INSERT INTO {streams} AS s (stream_id, version, last_transaction_id, created_at, updated_at)
            SELECT stream_id, max(version), pg_current_xact_id(), min(created_at), $1 FROM {events} WHERE transaction_id = pg_current_xact_id() GROUP BY stream_id
            ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, last_transaction_id = excluded.last_transaction_id, updated_at = excluded.updated_at
            """;
    }

    /// <summary>The table's name without its schema (<c>events</c>, <c>events_orders</c>), as PostgreSQL reports it in errors.</summary>
    public string Name { get; }

    public string AppendOne { get; }

    /// <summary>The events of several streams after a version each: $1 [{stream_id, after_version}] as jsonb, $2 the most per stream.</summary>
    public string Slices { get; }

    public string AppendMany { get; }

    public string AppendOneExpecting { get; }

    public string AppendManyExpecting { get; }

    public string Forwards { get; }

    public string Backwards { get; }

    /// <summary>A stream forwards from a version ($1 stream, $2 version), without metadata.</summary>
    public string Replay { get; }

    /// <summary>One batch of all events of this table from a checkpoint ($1 transaction, $2 position, $3 limit).</summary>
    public string All { get; }

    public string DeleteEvents { get; }

    public string Import { get; }

    /// <summary>The streams rows of the events this transaction imported ($1 now).</summary>
    public string ImportStreams { get; }

    /// <summary>The table's unique index on event ids, as PostgreSQL names it in a violation.</summary>
    public string UniqueEventId => Name + "_event_id";

    /// <summary>The table's unique constraint on (stream, version).</summary>
    public string UniqueStreamVersion => Name + "_stream_version";
}
