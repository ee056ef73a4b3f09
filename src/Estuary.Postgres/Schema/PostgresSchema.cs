using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Estuary.Postgres;

/// <summary>
/// Estuary's tables in one PostgreSQL schema: the queue shared by every channel, the dead letter, the
/// deduplication marks, the documents, the event store's streams and events, and the keys of
/// subjects with sensitive event data. <see cref="Script"/> is the SQL, <see cref="EnsureCreatedAsync"/> runs it.
/// </summary>
public sealed class PostgresSchema
{
    /// <summary>The schema used unless <see cref="PostgresOptions.SchemaName"/> says otherwise.</summary>
    public const string DefaultName = "estuary";

    // Postgres caps identifiers at 63 bytes; the notification channel adds "_queue" to the name.
    private const int MaxNameLength = 50;

    // Schemas already created, per data source and schema name: creation runs once per process.
    private static readonly ConditionalWeakTable<NpgsqlDataSource, ConcurrentDictionary<string, Lazy<Task>>> s_created = new();

    /// <summary>Describes the schema <paramref name="name"/>; nothing is created until <see cref="EnsureCreatedAsync"/>.</summary>
    /// <exception cref="ArgumentException">The name is not a plain lower-case identifier.</exception>
    public PostgresSchema(string name = DefaultName)
        : this(name, [])
    {
    }

    /// <summary>
    /// Describes the schema <paramref name="name"/> with the events tables of <paramref name="eventTables"/>
    /// (see <see cref="EventStreamTable"/>) besides the shared one.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not a plain lower-case identifier.</exception>
    public PostgresSchema(string name, IEnumerable<EventStreamTable> eventTables)
    {
        ArgumentNullException.ThrowIfNull(eventTables);
        ArgumentNullException.ThrowIfNull(name);
        if (!IsValidName(name))
        {
            throw new ArgumentException(
                $"'{name}' cannot be used as Estuary's schema name. Use lower-case letters, digits and underscores, starting with a letter or underscore, at most {MaxNameLength} characters (e.g. 'estuary').",
                nameof(name));
        }

        Name = name;
        Queue = $"\"{name}\".queue";
        Outbox = $"\"{name}\".outbox";
        DeadLetter = $"\"{name}\".dead_letter";
        Deduplication = $"\"{name}\".deduplication";
        Documents = $"\"{name}\".documents";
        Streams = $"\"{name}\".streams";
        Events = $"\"{name}\".events";
        SubjectKeys = $"\"{name}\".subject_keys";
        Projections = $"\"{name}\".projections";
        ProjectionPartitions = $"\"{name}\".projection_partitions";
        NotificationChannel = $"{name}_queue";
        EventTables = eventTables.Select(t => t.Table).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The schema's name.</summary>
    public string Name { get; }

    /// <summary>The queue table, qualified and quoted for SQL.</summary>
    internal string Queue { get; }

    /// <summary>The outbox table, qualified and quoted for SQL.</summary>
    internal string Outbox { get; }

    /// <summary>The dead-letter table, qualified and quoted for SQL.</summary>
    internal string DeadLetter { get; }

    /// <summary>The deduplication table, qualified and quoted for SQL.</summary>
    internal string Deduplication { get; }

    /// <summary>The projections table (one position per projection), qualified and quoted for SQL.</summary>
    internal string Projections { get; }

    /// <summary>The partitions of partitioned projections (one position per projection and stream), qualified and quoted for SQL.</summary>
    internal string ProjectionPartitions { get; }

    /// <summary>The documents table, qualified and quoted for SQL.</summary>
    internal string Documents { get; }

    /// <summary>The event store's streams table, qualified and quoted for SQL.</summary>
    internal string Streams { get; }

    /// <summary>The event store's events table, qualified and quoted for SQL.</summary>
    internal string Events { get; }

    /// <summary>The keys of subjects whose sensitive event members are encrypted, qualified and quoted for SQL.</summary>
    internal string SubjectKeys { get; }

    /// <summary>The names of the events tables besides the shared one, without their <c>events_</c> prefix, in order.</summary>
    internal IReadOnlyList<string> EventTables { get; }

    /// <summary>An events table besides the shared one, qualified and quoted for SQL.</summary>
    internal string EventTable(string table) => $"\"{Name}\".events_{table}";

    /// <summary>The LISTEN/NOTIFY channel announcing new queue rows; the payload is the queue channel's name.</summary>
    internal string NotificationChannel { get; }

    // A message row: the queue's and the outbox's (where channel names the channel it is for).
    private const string MessageColumns = """
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        channel text NOT NULL,
        message_id uuid NOT NULL,
        endpoint_id text NOT NULL,
        message_name text NULL,
        headers jsonb NOT NULL DEFAULT '{}',
        payload bytea NOT NULL,
        priority integer NOT NULL DEFAULT 0,
        attempts integer NOT NULL DEFAULT 0,
        available_at timestamptz NOT NULL,
        expires_at timestamptz NULL,
        created_at timestamptz NOT NULL
    """;

    /// <summary>
    /// The SQL creating the schema and its tables. Every statement is <c>IF NOT EXISTS</c>, so it can
    /// run against a database that already has them (for migrations, or the CLI's "print SQL").
    /// </summary>
    public string Script() => $$"""
        CREATE SCHEMA IF NOT EXISTS "{{Name}}";

        -- One table for every channel: a row is a message waiting for delivery. Receiving deletes the
        -- row in the receiver's transaction, so a crashed handler's message simply reappears.
        CREATE TABLE IF NOT EXISTS {{Queue}} (
        {{MessageColumns}}
        );

        -- The receive query: the next available message of a channel, highest priority first, then oldest.
        CREATE INDEX IF NOT EXISTS queue_next ON {{Queue}} (channel, priority DESC, available_at, id);

        -- Idle receivers ask when the next delayed message of their channel is due.
        CREATE INDEX IF NOT EXISTS queue_due ON {{Queue}} (channel, available_at);

        -- Messages for channels outside a unit of work's transaction (another database, a broker, process
        -- memory), written in that transaction and forwarded once it committed: by the process that wrote
        -- them at once, else by any relay once forward_after has passed. A failed forward pushes it back.
        CREATE TABLE IF NOT EXISTS {{Outbox}} (
        {{MessageColumns}},
            forward_after timestamptz NOT NULL,
            forward_attempts integer NOT NULL DEFAULT 0,
            last_error text NULL
        );

        -- Relays take the rows that are due, oldest first.
        CREATE INDEX IF NOT EXISTS outbox_due ON {{Outbox}} (forward_after, id);

        -- Messages that could not be handled; a message fails at most once per endpoint (a later failure replaces it).
        CREATE TABLE IF NOT EXISTS {{DeadLetter}} (
            message_id uuid NOT NULL,
            endpoint_id text NOT NULL,
            channel text NOT NULL,
            message_name text NULL,
            headers jsonb NOT NULL DEFAULT '{}',
            payload bytea NOT NULL,
            priority integer NOT NULL DEFAULT 0,
            attempts integer NOT NULL DEFAULT 0,
            reason text NOT NULL,
            exception_type text NULL,
            exception_details text NULL,
            failed_at timestamptz NOT NULL,
            PRIMARY KEY (message_id, endpoint_id)
        );

        -- Listing is oldest first.
        CREATE INDEX IF NOT EXISTS dead_letter_failed_at ON {{DeadLetter}} (failed_at);

        -- Each storing of an entry gets a higher generation: a replay removes only the generation it
        -- replayed, and replaying everything walks the generations that existed when it started.
        ALTER TABLE {{DeadLetter}} ADD COLUMN IF NOT EXISTS generation bigint GENERATED ALWAYS AS IDENTITY;
        CREATE INDEX IF NOT EXISTS dead_letter_generation ON {{DeadLetter}} (generation);

        -- Keys of messages each endpoint has handled, written in the handler's transaction.
        CREATE TABLE IF NOT EXISTS {{Deduplication}} (
            endpoint_id text NOT NULL,
            key text NOT NULL,
            recorded_at timestamptz NOT NULL,
            PRIMARY KEY (endpoint_id, key)
        );

        -- Old marks are removed by age.
        CREATE INDEX IF NOT EXISTS deduplication_recorded_at ON {{Deduplication}} (recorded_at);

        -- Each projection's committed position in the event store's order of all events, written in the
        -- transaction of the batch that reached it; a batch holds its projection's row lock. ahead: the
        -- transactions after the position whose events a synchronous run handled in their own transaction.
        -- replay_*: up to where it had handled events before its last reset (no emission for those);
        -- state: its [ProjectionState], saved with the position. took_over_at: when this version of the
        -- projection took over from the older ones (null: it never did).
        CREATE TABLE IF NOT EXISTS {{Projections}} (
            name text PRIMARY KEY,
            transaction_id xid8 NOT NULL,
            position bigint NOT NULL,
            initialized boolean NOT NULL,
            updated_at timestamptz NOT NULL,
            ahead xid8[] NOT NULL DEFAULT '{}',
            replay_transaction_id xid8 NOT NULL DEFAULT '0',
            replay_position bigint NOT NULL DEFAULT 0,
            state jsonb,
            took_over_at timestamptz
        );

        -- Added after the table first shipped: a schema created before gets it here.
        ALTER TABLE {{Projections}} ADD COLUMN IF NOT EXISTS took_over_at timestamptz;

        -- The partitions of partitioned projections: one row per projection and stream, holding the stream
        -- version handled up to (version), the version discovery last saw (due: behind while version < due),
        -- and the partition's failures; a batch holds the rows of the partitions it handles.
        CREATE TABLE IF NOT EXISTS {{ProjectionPartitions}} (
            projection text NOT NULL,
            partition_key text COLLATE "C" NOT NULL,
            version bigint NOT NULL,
            due bigint NOT NULL,
            due_since timestamptz NOT NULL,
            replay_version bigint NOT NULL DEFAULT 0,
            state jsonb,
            attempts integer NOT NULL DEFAULT 0,
            retry_at timestamptz,
            error text,
            updated_at timestamptz NOT NULL,
            PRIMARY KEY (projection, partition_key)
        );

        -- The partitions behind in the order batches take them (longest behind first, then by key): a claim
        -- reads the first rows of the index instead of sorting every partition behind (after a reset, all of them).
        CREATE INDEX IF NOT EXISTS projection_partitions_next ON {{ProjectionPartitions}} (projection, due_since, partition_key) WHERE version < due;

        -- The document store: JSON documents by collection and id. Every write increments version, which
        -- optimistic saves compare. Ids sort by code point (collation "C") whatever the database's collation,
        -- so listing a collection in id order reads the primary key in order.
        CREATE TABLE IF NOT EXISTS {{Documents}} (
            collection text NOT NULL,
            id text COLLATE "C" NOT NULL,
            version bigint NOT NULL,
            data jsonb NOT NULL,
            updated_at timestamptz NOT NULL,
            PRIMARY KEY (collection, id)
        );

        -- The event store's streams: one row per stream, holding its version (how many events it has) and
        -- metadata. Appends update the row with the expected version as condition, so appenders of one
        -- stream queue on its row lock and exactly one of those expecting the same version wins.
        -- last_transaction_id is the transaction_id of the stream's last event (null without events).
        CREATE TABLE IF NOT EXISTS {{Streams}} (
            stream_id text COLLATE "C" PRIMARY KEY,
            version bigint NOT NULL,
            last_transaction_id xid8 NULL,
            metadata jsonb NOT NULL DEFAULT '{}',
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL
        );

        -- Every event of every stream. Readers of all events take them in (transaction_id, position) order,
        -- and only where transaction_id is below the id of every transaction still running, so a late commit
        -- is never skipped. transaction_id is the appending transaction's id (assigned at its first write),
        -- raised to the stream's last_transaction_id when that is higher, so each stream's events keep their
        -- order among all events; it is never below the appender's id, which is what makes the rule sound.
        {{EventsTableScript(Events, "events", "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY")}}

        -- The key of each subject whose sensitive event members are stored encrypted (PostgresEventPayloadProtector),
        -- itself encrypted with the application's master key named master_key_id. Deleting a row makes those
        -- members unreadable.
        CREATE TABLE IF NOT EXISTS {{SubjectKeys}} (
            subject text COLLATE "C" PRIMARY KEY,
            master_key_id text NOT NULL,
            wrapped_key bytea NOT NULL,
            created_at timestamptz NOT NULL
        );
        {{string.Concat(EventTables.Select(EventTableScript))}}
        """;

    // A table of its own for some streams (EventStreamTable), shaped as the shared one. Positions come
    // from the shared table's sequence, so a checkpoint (transaction_id, position) orders events across
    // tables exactly as within one.
    private string EventTableScript(string table) => $$"""

        -- The events of the streams routed to events_{{table}}.
        {{EventsTableScript(EventTable(table), "events_" + table, $"bigint PRIMARY KEY DEFAULT nextval('\"{Name}\".events_position_seq')")}}
        """;

    private static string EventsTableScript(string table, string name, string position) => $$"""
        CREATE TABLE IF NOT EXISTS {{table}} (
            position {{position}},
            transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
            stream_id text COLLATE "C" NOT NULL,
            version bigint NOT NULL,
            event_id uuid NOT NULL,
            type text NOT NULL,
            revision integer NOT NULL,
            data jsonb NOT NULL,
            metadata jsonb NOT NULL,
            created_at timestamptz NOT NULL,
            CONSTRAINT {{name}}_stream_version UNIQUE (stream_id, version)
        );

        -- Reading all events in order, from a checkpoint.
        CREATE INDEX IF NOT EXISTS {{name}}_transaction_position ON {{table}} (transaction_id, position);

        -- An event id is stored once: a retried append that already committed fails instead of duplicating.
        CREATE UNIQUE INDEX IF NOT EXISTS {{name}}_event_id ON {{table}} (event_id);
        """;

    /// <summary>
    /// Creates the schema and its tables in the database of <paramref name="dataSource"/> unless they
    /// exist. Runs once per data source and schema in a process (later calls return at once); processes
    /// starting together take turns through an advisory lock. A failed attempt is tried again by the next call.
    /// </summary>
    public Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var created = s_created.GetValue(dataSource, static _ => new ConcurrentDictionary<string, Lazy<Task>>(StringComparer.Ordinal));
        var creation = created.GetOrAdd(CreationKey, _ => new Lazy<Task>(() => CreateAsync(dataSource, created)));

        // The creation is shared: one caller's cancellation stops its wait, not the creation others wait for.
        return creation.Value.IsCompletedSuccessfully ? Task.CompletedTask : creation.Value.WaitAsync(cancellationToken);
    }

    private async Task CreateAsync(NpgsqlDataSource dataSource, ConcurrentDictionary<string, Lazy<Task>> created)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);

            // CREATE INDEX IF NOT EXISTS on an existing index still takes a share lock on its table, which
            // waits for every open transaction that wrote to it, and every later writer queues behind the
            // wait. A process starting while a handler holds a transaction open would stall all writers, so
            // the script runs only when the catalog lacks one of its objects (a catalog read takes no lock).
            await using (var check = new NpgsqlCommand(ExistsQuery(), connection))
            {
                if (await check.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false) is true)
                {
                    return;
                }
            }

            await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);

            // Concurrent CREATE ... IF NOT EXISTS can still collide in the catalog (duplicate key in
            // pg_namespace or pg_type), so creators of the same schema queue on a transaction-scoped lock.
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", connection, transaction))
            {
                lockCommand.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "estuary.schema." + Name });
                await lockCommand.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }

            await using (var create = new NpgsqlCommand(Script(), connection, transaction))
            {
                await create.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }

            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            created.TryRemove(CreationKey, out _);
            throw;
        }
    }

    // Schemas of one name with other events tables are created separately (the script is idempotent).
    private string CreationKey => EventTables.Count == 0 ? Name : Name + "|" + string.Join(",", EventTables);

    // Whether every table and index the script creates exists: to_regclass of each qualified name.
    private string ExistsQuery()
    {
        var objects = Regex.Matches(Script(), @"CREATE (?:UNIQUE )?(?:TABLE|INDEX) IF NOT EXISTS (\S+)")
            .Select(m => m.Groups[1].Value)
            .Select(name => name.Contains('.', StringComparison.Ordinal) ? name : $"\"{Name}\".{name}");
        return "SELECT " + string.Join(" AND ", objects.Select(name => $"to_regclass('{name}') IS NOT NULL"));
    }

    private static bool IsValidName(string name)
    {
        if (name.Length is 0 or > MaxNameLength || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
