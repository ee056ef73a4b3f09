using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Estuary.Postgres;

/// <summary>
/// A channel stored in PostgreSQL: messages are rows of the schema's queue table. Sending inside a
/// PostgreSQL unit of work writes the row in that transaction (a transactional outbox: the message
/// exists only if the transaction commits). Receiving claims and deletes the next row in a transaction
/// that the delivery keeps open, so the handler's database work, the messages it sends and the removal
/// of the message commit together; if the process dies, everything rolls back and the message reappears.
/// Receivers waiting for messages are woken by LISTEN/NOTIFY.
/// </summary>
public sealed class PostgresQueueChannel : IPollableChannel, IInspectableChannel
{
    private static readonly TimeSpan s_maxDueDelay = TimeSpan.FromDays(1);

    private readonly PostgresDatabase _database;
    private readonly PostgresDeduplicationStore? _claimMarks;
    private readonly QueueListener _listener;
    private readonly string _insertSql;
    private readonly string _claimSql;
    private readonly string _oversizedSql;
    private readonly string _keptPayloadSql;
    private readonly string _deleteRowSql;
    private readonly int _maxPayloadBytes;
    private readonly string _nextDueSql;
    private readonly string _countSql;

    /// <summary>Creates the channel <paramref name="name"/> over the queue table of <paramref name="dataSource"/>.</summary>
    /// <param name="name">The channel's name, as used in <see cref="AsynchronousAttribute"/>.</param>
    /// <param name="dataSource">The database; sessions of this data source are joined.</param>
    /// <param name="options">The schema and whether to create it (default: schema <c>estuary</c>, created on first use).</param>
    /// <param name="timeProvider">The clock deciding when delayed messages are due and when messages expire (default: the system clock).</param>
    /// <param name="loggerFactory">Where the notification listener reports connection problems.</param>
    /// <param name="maxPayloadBytes">
    /// Payloads larger than this are not read by a receive (default: no limit): the delivery comes without
    /// its payload and with a read error, and acknowledging it moves the payload, still in its row, into the
    /// message's dead-letter entry. <c>AddPostgresChannel</c> passes the consumer's <see cref="ConsumerSettings.MaxPayloadBytes"/>.
    /// </param>
    public PostgresQueueChannel(
        string name, NpgsqlDataSource dataSource, PostgresOptions? options = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null, int? maxPayloadBytes = null)
        : this(name, new PostgresDatabase(dataSource, options, timeProvider), loggerFactory, maxPayloadBytes)
    {
    }

    /// <summary>Creates channel <paramref name="name"/> over the queue table of <paramref name="database"/> (what <c>UsePostgres</c> registers).</summary>
    /// <param name="name">The channel's name: the <c>channel</c> column of its rows.</param>
    /// <param name="database">The database, its schema and clock; its sessions are joined.</param>
    /// <param name="loggerFactory">Where the notification listener reports connection problems.</param>
    /// <param name="maxPayloadBytes">Payloads larger than this are not read by a receive (default: no limit).</param>
    public PostgresQueueChannel(string name, PostgresDatabase database, ILoggerFactory? loggerFactory = null, int? maxPayloadBytes = null)
        : this(name, database, loggerFactory, maxPayloadBytes, claimMarks: null)
    {
    }

    /// <summary>
    /// Creates the channel; with <paramref name="claimMarks"/>, each claim also records the received
    /// message's deduplication mark (by message id) in that store, in the same round trip (see <see cref="ClaimMark"/>).
    /// </summary>
    internal PostgresQueueChannel(string name, PostgresDatabase database, ILoggerFactory? loggerFactory, int? maxPayloadBytes, PostgresDeduplicationStore? claimMarks)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(database);
        Name = name;
        _database = database;
        _claimMarks = claimMarks;
        _maxPayloadBytes = maxPayloadBytes ?? int.MaxValue;
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Estuary.Postgres.QueueListener");
        _listener = QueueListener.For(database.DataSource, database.Schema, logger);
        _insertSql = MessageRow.InsertSql(_database.Schema);

        // One statement claims and removes the row; SKIP LOCKED lets concurrent receivers pass rows
        // another receiver holds instead of waiting for its transaction. A row whose payload is over the
        // limit is locked but not removed (nor read); the claim then comes back empty, and only then does
        // a second statement take that row, without its payload. With claim marks, the claimed row's
        // message id and endpoint are passed on to the deduplication mark's insert (ClaimSetting).
        var passMark = claimMarks is null
            ? string.Empty
            : $", set_config('{PostgresDeduplicationStore.ClaimSetting}', message_id::text || endpoint_id, true)";
        _claimSql = $"""
            DELETE FROM {_database.Schema.Queue}
            WHERE id = (
                SELECT id FROM {_database.Schema.Queue}
                WHERE channel = $1 AND available_at <= $2
                ORDER BY priority DESC, available_at, id
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
              AND octet_length(payload) <= $3
            RETURNING {MessageRow.Columns}{passMark}
            """;
        _oversizedSql = $"""
            SELECT {MessageRow.Columns.Replace("payload", "NULL::bytea", StringComparison.Ordinal)}, id, octet_length(payload)
            FROM {_database.Schema.Queue}
            WHERE channel = $1 AND available_at <= $2 AND octet_length(payload) > $3
            ORDER BY priority DESC, available_at, id
            LIMIT 1
            FOR UPDATE SKIP LOCKED
            """;

        // The dead-letter entry of a message whose payload was too large to read takes it from the row.
        _keptPayloadSql = $"""
            UPDATE {_database.Schema.DeadLetter} d SET payload = q.payload FROM {_database.Schema.Queue} q
            WHERE q.id = $1 AND d.message_id = q.message_id AND d.endpoint_id = q.endpoint_id
            """;
        _deleteRowSql = $"DELETE FROM {_database.Schema.Queue} WHERE id = $1";
        _nextDueSql = $"SELECT min(available_at) FROM {_database.Schema.Queue} WHERE channel = $1 AND available_at > $2";
        _countSql = $"SELECT count(*) FROM {_database.Schema.Queue} WHERE channel = $1";
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The schema holding the queue table.</summary>
    public PostgresSchema Schema => _database.Schema;

    /// <summary>
    /// Stores the message. Inside the unit of work of a message received from a Postgres channel of the
    /// same data source, the row is written in that transaction and exists only if it commits.
    /// </summary>
    public ValueTask SendAsync(ChannelMessage message, CancellationToken cancellationToken) =>
        SendCoreAsync(message, _database.AmbientSession(), cancellationToken);

    /// <summary>
    /// Stores the message in <paramref name="session"/>'s transaction: it exists, and receivers are
    /// woken, only if that transaction commits. This is the outbox for code that runs its own transaction.
    /// </summary>
    /// <exception cref="ArgumentException">The session belongs to another data source.</exception>
    public ValueTask SendAsync(ChannelMessage message, PostgresSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.DataSource != _database.DataSource)
        {
            throw new ArgumentException(
                $"The session belongs to another NpgsqlDataSource than channel '{Name}'. Begin the session on the data source the channel was created with.",
                nameof(session));
        }

        return SendCoreAsync(message, session, cancellationToken);
    }

    /// <inheritdoc />
    public bool Joins(ITransactionSession session) => _database.Joins(session);

    /// <inheritdoc />
    public async ValueTask<IChannelDelivery?> ReceiveAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        if (wait < TimeSpan.Zero && wait != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(wait), wait, "The wait must be zero or more, or Timeout.InfiniteTimeSpan.");
        }

        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        if (wait == TimeSpan.Zero)
        {
            return (await TryClaimAsync(cancellationToken).ConfigureAwait(false)).Delivery;
        }

        var started = _database.Time.GetTimestamp();
        CancellationTokenSource? waiting = null;
        try
        {
            Task? deadline = null;
            while (true)
            {
                // Subscribe before looking, so a message committed between the look and the wait still wakes us.
                using var subscription = _listener.Subscribe(Name);
                var (delivery, nextDue) = await TryClaimAsync(cancellationToken).ConfigureAwait(false);
                if (delivery is not null)
                {
                    // There may be more: the next waiting receiver looks too. One notification can
                    // stand for several messages (PostgreSQL merges identical ones in a transaction).
                    _listener.WakeAnother(subscription);
                    return delivery;
                }

                // Timers only once a wait is needed: a receive that finds a message at once creates none.
                // The deadline also ends the wait when the caller cancels (an infinite wait included).
                waiting ??= CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline ??= Task.Delay(Remaining(wait, started), _database.Time, waiting.Token);
                if (nextDue is { } at)
                {
                    using var untilDue = CancellationTokenSource.CreateLinkedTokenSource(waiting.Token);
                    var due = Task.Delay(UntilDue(at), _database.Time, untilDue.Token);
                    await Task.WhenAny(subscription.Signal, deadline, due).ConfigureAwait(false);
                    await untilDue.CancelAsync().ConfigureAwait(false);
                }
                else
                {
                    await Task.WhenAny(subscription.Signal, deadline).ConfigureAwait(false);
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (deadline.IsCompleted)
                {
                    return null;
                }
            }
        }
        finally
        {
            if (waiting is not null)
            {
                // Stops the timers of a receive that ends before its deadline.
                await waiting.CancelAsync().ConfigureAwait(false);
                waiting.Dispose();
            }
        }
    }

    /// <summary>
    /// Messages waiting, delayed ones included, as committed rows: a message being handled counts
    /// until its delivery commits, and one sent in an open transaction counts once that commits.
    /// </summary>
    public async ValueTask<long> CountPendingAsync(CancellationToken cancellationToken)
    {
        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _database.DataSource.CreateCommand(_countSql);
        command.Parameters.Add(Parameters.Text(Name));
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Writes <paramref name="message"/> as a row and notifies receivers, on <paramref name="connection"/> (in <paramref name="transaction"/> if given).</summary>
    internal async ValueTask InsertAsync(ChannelMessage message, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        // One round trip. Without a transaction the batch runs as one implicit transaction; in any case
        // PostgreSQL delivers the notification at commit, when the row is visible to the woken receiver.
        await using var batch = new NpgsqlBatch(connection, transaction);
        var insert = new NpgsqlBatchCommand(_insertSql);
        MessageRow.AddInsertParameters(insert.Parameters, Name, message, _database.Time.GetUtcNow());
        batch.BatchCommands.Add(insert);
        var notify = new NpgsqlBatchCommand("SELECT pg_notify($1, $2)");
        notify.Parameters.Add(Parameters.Text(_database.Schema.NotificationChannel));
        notify.Parameters.Add(Parameters.Text(Name));
        batch.BatchCommands.Add(notify);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask SendCoreAsync(ChannelMessage message, PostgresSession? session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var lease = await _database.LeaseAsync(session, cancellationToken).ConfigureAwait(false);
        await InsertAsync(message, lease.Connection, lease.Transaction, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Claims the next available message, or says when to look again (when the next delayed one is due).</summary>
    private async ValueTask<(IChannelDelivery? Delivery, DateTimeOffset? NextDue)> TryClaimAsync(CancellationToken cancellationToken)
    {
        var now = _database.Time.GetUtcNow();
        var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        NpgsqlTransaction? transaction = null;
        try
        {
            // BEGIN travels with the claim: no extra round trip.
            transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

            // An expired message is delivered too: the consumer reports it (Expired) instead of handling it.
            // Only when the claim finds nothing does a second round trip look for a row whose payload is
            // over the limit, and for when the next delayed message is due.
            var claimed = await ReadClaimAsync(connection, transaction, now, oversized: false, cancellationToken).ConfigureAwait(false);
            if (claimed.Message is null)
            {
                claimed = await ReadClaimAsync(connection, transaction, now, oversized: true, cancellationToken).ConfigureAwait(false);
            }

            if (claimed.Message is { } message)
            {
                var session = new PostgresSession(_database.DataSource, connection, transaction, firstAttemptReady: true);
                if (claimed.MarkRecorded is { } recorded)
                {
                    session.HoldClaimMark(new ClaimMark(_claimMarks!.Table, message.EndpointId, message.MessageId.ToString("D"), recorded));
                }

                return (new PostgresDelivery(this, session, message, claimed.ReadError, claimed.KeptRow), null);
            }

            await transaction.DisposeAsync().ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
            return (null, claimed.NextDue);
        }
        catch
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
            }

            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs the claim statement, or with <paramref name="oversized"/> the one taking a row whose payload
    /// is over the limit and asking when the next delayed message is due; sets the first handling
    /// attempt's savepoint in the same round trip (after the claim, so rolling an attempt back keeps the
    /// message claimed), and after it, with claim marks, records the claimed message's deduplication mark.
    /// </summary>
    private async ValueTask<Claimed> ReadClaimAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now, bool oversized, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var claim = new NpgsqlBatchCommand(oversized ? _oversizedSql : _claimSql);
        claim.Parameters.Add(Parameters.Text(Name));
        claim.Parameters.Add(Parameters.Timestamp(now));
        claim.Parameters.Add(Parameters.Integer(_maxPayloadBytes));
        batch.BatchCommands.Add(claim);
        if (oversized)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(_nextDueSql) { Parameters = { Parameters.Text(Name), Parameters.Timestamp(now) } });
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("SAVEPOINT " + PostgresSession.AttemptSavepoint));
        NpgsqlBatchCommand? mark = null;
        if (!oversized && _claimMarks is not null)
        {
            mark = new NpgsqlBatchCommand(_claimMarks.ClaimMarkSql) { Parameters = { Parameters.Timestamp(now) } };
            batch.BatchCommands.Add(mark);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var claimed = default(Claimed);
        if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            claimed.Message = MessageRow.Read(reader, out claimed.ReadError);
            if (oversized)
            {
                claimed.KeptRow = reader.GetInt64(9);
                claimed.ReadError = new InvalidDataException(
                    $"The payload has {reader.GetInt32(10)} bytes, more than the {_maxPayloadBytes} allowed on channel '{Name}' (ConsumerSettings.MaxPayloadBytes). "
                    + "It was not read; the dead-letter entry keeps it as it was sent.");
            }
        }

        if (oversized && await reader.NextResultAsync(cancellationToken).ConfigureAwait(false)
            && await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0))
        {
            claimed.NextDue = reader.GetFieldValue<DateTimeOffset>(0);
        }

        // Reads to the end, so the savepoint and the mark have run before the reader is disposed.
        while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
        {
        }

        if (mark is not null && claimed.Message is not null)
        {
            claimed.MarkRecorded = mark.RecordsAffected == 1;
        }

        return claimed;
    }

    /// <summary>What a claim statement returned: a message (with what could not be read of it), or when to look again.</summary>
    private struct Claimed
    {
        public ChannelMessage? Message;
        public Exception? ReadError;
        public long? KeptRow;
        public DateTimeOffset? NextDue;

        /// <summary>With claim marks: whether the message's mark was new (false: a duplicate).</summary>
        public bool? MarkRecorded;
    }

    /// <summary>Removes the deduplication mark the claim recorded if nothing took it (the message was not handled, or is deduplicated by another key).</summary>
    internal ValueTask RemoveUnusedClaimMarkAsync(PostgresSession session, CancellationToken cancellationToken) =>
        session.TakeUnusedClaimMark() is { } mark ? _claimMarks!.RemoveAsync(mark, session, cancellationToken) : ValueTask.CompletedTask;

    /// <summary>Removes the row of a message whose payload was not read, moving the payload into its dead-letter entry if it has one.</summary>
    internal async ValueTask RemoveKeptRowAsync(long row, PostgresSession session, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(session.Connection, session.Transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(_keptPayloadSql) { Parameters = { Parameters.Bigint(row) } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(_deleteRowSql) { Parameters = { Parameters.Bigint(row) } });
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private TimeSpan Remaining(TimeSpan wait, long started) =>
        wait == Timeout.InfiniteTimeSpan ? wait : Max(wait - _database.Time.GetElapsedTime(started), TimeSpan.Zero);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    // Timers take at most about 49 days; a message due later is looked at again after a day.
    private TimeSpan UntilDue(DateTimeOffset at)
    {
        var delay = at - _database.Time.GetUtcNow();
        return delay <= TimeSpan.Zero ? TimeSpan.Zero : delay > s_maxDueDelay ? s_maxDueDelay : delay;
    }
}
