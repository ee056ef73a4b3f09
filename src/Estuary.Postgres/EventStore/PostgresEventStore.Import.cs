using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using NpgsqlTypes;

namespace Estuary.Postgres;

/// <summary>An event for <see cref="PostgresEventStore.ImportAsync"/>: the stream it goes to, the event, and when it happened.</summary>
/// <param name="StreamId">The stream; its events are numbered 1, 2, ... in the order they arrive.</param>
/// <param name="Event">The event.</param>
/// <param name="CreatedAt">When it was originally recorded (default: the time of the import).</param>
public readonly record struct ImportedEvent(string StreamId, EventData Event, DateTimeOffset? CreatedAt = null);

// Bulk import for migrations: binary COPY straight into the events table.
public sealed partial class PostgresEventStore
{
    /// <summary>
    /// Imports events into new streams in one transaction, with PostgreSQL's binary COPY: for moving an
    /// existing event store over, far faster than appending. Each stream's events must arrive in order
    /// (they are numbered by arrival) but streams may interleave. Events are streamed to the server as
    /// they are enumerated; memory grows with the number of streams, not of events.
    /// <code>var imported = await store.ImportAsync(ReadOldStoreAsync(), cancellationToken);</code>
    /// </summary>
    /// <remarks>
    /// Only streams without events can be imported into (a stream holding just metadata is fine); the
    /// import is all or nothing. Inside a unit of work it joins the transaction; otherwise it commits its
    /// own. Readers of all events see the whole import at once, when it commits. Do not append to the
    /// imported streams while the import runs: the import and the append would wait for each other, and
    /// PostgreSQL ends one of them with a deadlock error.
    /// </remarks>
    /// <returns>How many events were imported.</returns>
    /// <exception cref="ArgumentException">An event without a stream id, type, metadata or JSON payload, or streams of two events tables (<see cref="EventStreamTable"/>: one import fills one table); nothing is imported.</exception>
    /// <exception cref="InvalidOperationException">A stream already has events, or an event id is already stored; nothing is imported.</exception>
    public async ValueTask<long> ImportAsync(IAsyncEnumerable<ImportedEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var now = _database.Time.GetUtcNow().ToUniversalTime();
        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var source = events.GetAsyncEnumerator(cancellationToken);
        if (!await source.MoveNextAsync().ConfigureAwait(false))
        {
            return 0;
        }

        // One COPY fills one table: the first event's stream decides which.
        var table = TableOf(source.Current.StreamId ?? string.Empty);
        await using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var transaction = lease.Transaction is null ? await lease.Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null;
        try
        {
            var count = await CopyAsync(lease.Connection, table, source, now, cancellationToken).ConfigureAwait(false);

            // The streams' rows, from the events this transaction wrote: no list of streams goes back
            // and forth, and the (transaction_id, position) index finds exactly those events.
            await using (var streams = new NpgsqlCommand(table.ImportStreams, lease.Connection, lease.Transaction ?? transaction))
            {
                streams.Parameters.Add(Parameters.Timestamp(now));
                await streams.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return count;
        }
        catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.UniqueViolation && (error.ConstraintName == table.UniqueStreamVersion || error.ConstraintName == table.UniqueEventId))
        {
            throw new InvalidOperationException(
                error.ConstraintName == table.UniqueStreamVersion
                    ? "A stream of the import already has events. ImportAsync only fills streams that have none: append to existing streams with AppendAsync, or delete them first. Nothing was imported."
                    : "An event id of the import is already in the store (or appears twice in the import), and event ids are unique. Was this import run before? Nothing was imported.",
                error);
        }
        finally
        {
            if (transaction is not null)
            {
                // Rolls back unless committed.
                await transaction.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    // Copies the source's current event and every one after it.
    private async ValueTask<long> CopyAsync(NpgsqlConnection connection, EventTableSql table, IAsyncEnumerator<ImportedEvent> source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        long count = 0;

        // Disposing the importer before CompleteAsync cancels the COPY: a failure anywhere (the source
        // included) leaves nothing behind.
        await using var writer = await connection.BeginBinaryImportAsync(table.Import, cancellationToken).ConfigureAwait(false);
        do
        {
            var item = source.Current;
            var data = Validate(item, count);
            if (TableOf(item.StreamId) != table)
            {
                throw new ArgumentException(
                    $"Imported event {count} goes to stream '{item.StreamId}', whose events live in another table than those of the import's first stream (see EventStreamTable). "
                    + "An import fills one events table: import the streams of each table in a call of their own. Nothing was imported.",
                    "events");
            }

            await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(item.StreamId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(NextVersion(versions, item.StreamId), NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(data.EventId, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(data.Type, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(data.Revision, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(data.Data, NpgsqlDbType.Jsonb, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync<ReadOnlyMemory<byte>>(EventJson.WriteMetadata(data.Metadata), NpgsqlDbType.Jsonb, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(item.CreatedAt?.ToUniversalTime() ?? now, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            count++;
        }
        while (await source.MoveNextAsync().ConfigureAwait(false));

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    private static EventData Validate(ImportedEvent item, long index)
    {
        if (string.IsNullOrEmpty(item.StreamId) || item.Event is not { Type.Length: > 0, Metadata: not null, Revision: >= 1 })
        {
            throw new ArgumentException(
                $"Imported event {index} needs a stream id and an event with a type name, metadata and a revision of at least 1. Nothing was imported.",
                "events");
        }

        EventJson.ValidatePayload(item.Event, (int)Math.Min(index, int.MaxValue));
        return item.Event;
    }

    private static long NextVersion(Dictionary<string, long> versions, string streamId) =>
        ++CollectionsMarshal.GetValueRefOrAddDefault(versions, streamId, out _);
}
