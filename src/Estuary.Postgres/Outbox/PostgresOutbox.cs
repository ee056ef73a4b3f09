using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Estuary.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Estuary.Postgres;

/// <summary>
/// The transactional outbox in PostgreSQL (the <c>outbox</c> table): a unit of work on this database
/// stores the messages it sends to channels outside its transaction (another database, a broker,
/// process memory) in that transaction, so they exist exactly when its other effects do. Once it
/// committed, the process that wrote them forwards them at once; rows still there after
/// <see cref="PostgresOptions.OutboxRecoveryDelay"/> (the writer died, or a send failed) are forwarded
/// by any running relay (<see cref="OutboxRelay"/>). Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c>,
/// sent, and deleted in one transaction: at least once, and receivers deduplicate by message id. Relays
/// look at least every <see cref="PostgresOptions.OutboxRecoveryDelay"/>, and sooner when a forward
/// pushed a row back (it notifies them).
/// </summary>
public sealed partial class PostgresOutbox : IOutbox
{
    /// <summary>The queue notification payload announcing new outbox rows.</summary>
    internal const string Notification = "$outbox";

    private const string Columns = "id, channel, " + MessageRow.Columns;
    private static readonly TimeSpan s_maxRetryDelay = TimeSpan.FromMinutes(5);

    private readonly PostgresDatabase _database;
    private readonly EstuaryRuntime _runtime;
    private readonly TimeSpan _recoveryDelay;
    private readonly ILogger _logger;
    private readonly string _insertSql;
    private readonly string _claimStoredSql;
    private readonly string _claimDueSql;
    private readonly string _deleteSql;
    private readonly string _failedSql;
    private readonly string _nextDueSql;
    private readonly string _statusSql;
    private readonly string _countSql;

    /// <summary>Creates the outbox over the <c>outbox</c> table of <paramref name="dataSource"/>, forwarding through <paramref name="runtime"/>'s channels.</summary>
    public PostgresOutbox(NpgsqlDataSource dataSource, EstuaryRuntime runtime, PostgresOptions? options = null, ILoggerFactory? loggerFactory = null)
        : this(new PostgresDatabase(dataSource, options), runtime, loggerFactory)
    {
    }

    /// <summary>Creates the outbox over the <c>outbox</c> table of <paramref name="database"/>, forwarding through <paramref name="runtime"/>'s channels.</summary>
    public PostgresOutbox(PostgresDatabase database, EstuaryRuntime runtime, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(runtime);
        _database = database;
        _runtime = runtime;
        _recoveryDelay = database.Options.OutboxRecoveryDelay;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Estuary.Postgres.Outbox");
        var table = _database.Schema.Outbox;
        _insertSql = MessageRow.InsertSql(table, ", forward_after", ", coalesce($13, clock_timestamp() + $12)") + " RETURNING id";
        _claimStoredSql = $"SELECT {Columns} FROM {table} WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE SKIP LOCKED";
        _claimDueSql = $"SELECT {Columns} FROM {table} WHERE forward_after <= clock_timestamp() ORDER BY forward_after, id LIMIT $1 FOR UPDATE SKIP LOCKED";
        _deleteSql = $"DELETE FROM {table} WHERE id = ANY($1::bigint[])";
        _failedSql = $"""
            UPDATE {table} SET forward_attempts = forward_attempts + 1, last_error = $2,
                forward_after = clock_timestamp() + least(interval '1 second' * power(2, least(forward_attempts, 16)), $3)
            WHERE id = $1
            """;
        _nextDueSql = $"SELECT min(forward_after) - clock_timestamp() FROM {table}";
        _countSql = $"SELECT count(*) FROM {table} WHERE channel = $1";
        _statusSql = $"SELECT count(*), count(*) FILTER (WHERE forward_attempts > 0), min(created_at), max(forward_attempts) FROM {table}";
    }

    /// <inheritdoc />
    public bool Accepts(ITransactionSession session) => _database.Joins(session);

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<long>> StoreAsync(ITransactionSession session, IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (session is not PostgresSession postgres || !Accepts(session))
        {
            throw new ArgumentException("The outbox stores messages in an open PostgreSQL session of its own data source.", nameof(session));
        }

        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);

        // One round trip for every row.
        await using var batch = new NpgsqlBatch(postgres.Connection, postgres.Transaction);
        var now = _runtime.TimeProvider.GetUtcNow();
        var held = new bool[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            var (channel, message) = messages[i];
            held[i] = IsHeldUntilDue(channel, message, now);
            var insert = new NpgsqlBatchCommand(_insertSql);
            MessageRow.AddInsertParameters(insert.Parameters, channel, message, now);
            insert.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = _recoveryDelay });
            insert.Parameters.Add(Parameters.NullableTimestamp(held[i] ? message.AvailableAt : null));
            batch.BatchCommands.Add(insert);
        }

        if (Array.IndexOf(held, true) >= 0)
        {
            // Relays sleep until the next row they know of is due: tell them about the held ones (at commit).
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_notify($1, $2)") { Parameters = { Parameters.Text(_database.Schema.NotificationChannel), Parameters.Text(Notification) } });
        }

        var forwardNow = new List<long>(messages.Count);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < messages.Count; i++)
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (!held[i])
            {
                forwardNow.Add(reader.GetInt64(0));
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        }

        return forwardNow;
    }

    /// <summary>
    /// Whether the outbox keeps <paramref name="message"/> until it is due: a delayed message for a channel
    /// that cannot keep it itself (a broker queue). The relays forward it then; its writer does not.
    /// </summary>
    private bool IsHeldUntilDue(string channel, ChannelMessage message, DateTimeOffset now) =>
        message.AvailableAt is { } due && due > now && !_runtime.Channels.Get(channel).HoldsDelayedMessages;

    /// <inheritdoc />
    public async ValueTask ForwardAsync(IReadOnlyList<long> stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        try
        {
            await ForwardAsync(_claimStoredSql, Parameters.Bigints(stored), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The rows are committed: the relay forwards them once the recovery delay has passed.
            LogLeftForRelay(_logger, exception, stored.Count);
        }
    }

    /// <inheritdoc />
    public ValueTask<int> ForwardDueAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return ForwardAsync(_claimDueSql, new NpgsqlParameter<long> { TypedValue = limit }, cancellationToken);
    }

    /// <summary>How long until the next stored message is due for a relay, or <see langword="null"/> when the outbox is empty.</summary>
    public async ValueTask<TimeSpan?> UntilNextDueAsync(CancellationToken cancellationToken = default)
    {
        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _database.DataSource.CreateCommand(_nextDueSql);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is TimeSpan due ? (due > TimeSpan.Zero ? due : TimeSpan.Zero) : null;
    }

    /// <inheritdoc />
    public async ValueTask<OutboxStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _database.DataSource.CreateCommand(_statusSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new OutboxStatus(
            reader.GetInt64(0),
            reader.GetInt64(1),
            reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
            reader.IsDBNull(3) ? 0 : reader.GetInt32(3));
    }

    /// <inheritdoc />
    public async ValueTask<long> CountAsync(string channel, CancellationToken cancellationToken = default)
    {
        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _database.DataSource.CreateCommand(_countSql);
        command.Parameters.Add(Parameters.Text(channel));
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    // Claims rows, sends each to its channel, then deletes the sent ones and pushes back the others, in
    // the claiming transaction: a crash before its commit leaves every row to be forwarded again.
    private async ValueTask<int> ForwardAsync(string claimSql, NpgsqlParameter parameter, CancellationToken cancellationToken)
    {
        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);

        // The forwarded messages belong to no unit of work, whatever the caller is handling.
        MessageContext.EnterAsync(null);
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await ClaimAsync(connection, transaction, claimSql, parameter, cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return 0;
        }

        var sent = new List<long>(rows.Count);
        await using var settle = new NpgsqlBatch(connection, transaction);
        foreach (var (channelName, group) in ByChannel(rows))
        {
            var failures = await SendAsync(channelName, group, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < group.Count; i++)
            {
                if (failures[i] is not { } exception)
                {
                    sent.Add(group[i].Id);
                    continue;
                }

                LogForwardFailed(_logger, exception, group[i].Message.MessageId, channelName);
                var failed = new NpgsqlBatchCommand(_failedSql);
                failed.Parameters.Add(Parameters.Bigint(group[i].Id));
                failed.Parameters.Add(Parameters.Text(PostgresText.Storable(exception.Message)));
                failed.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = s_maxRetryDelay });
                settle.BatchCommands.Add(failed);
            }
        }

        if (sent.Count > 0)
        {
            settle.BatchCommands.Add(new NpgsqlBatchCommand(_deleteSql) { Parameters = { Parameters.Bigints(sent) } });
        }

        if (sent.Count < rows.Count)
        {
            // Relays sleep until the next row they know of is due: tell them about the ones pushed back.
            settle.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_notify($1, $2)") { Parameters = { Parameters.Text(_database.Schema.NotificationChannel), Parameters.Text(Notification) } });
        }

        await settle.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return rows.Count;
    }

    /// <summary>The claimed rows per channel, each list in claiming order.</summary>
    private static Dictionary<string, List<StoredRow>> ByChannel(List<StoredRow> rows)
    {
        var groups = new Dictionary<string, List<StoredRow>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!groups.TryGetValue(row.Channel, out var group))
            {
                groups[row.Channel] = group = [];
            }

            group.Add(row);
        }

        return groups;
    }

    /// <summary>
    /// Sends one channel's rows together (a broker has them all in flight at once); returns per row why it
    /// was not sent, or null. A row that could not be read, or a channel this host does not declare, fails its rows.
    /// </summary>
    private async ValueTask<Exception?[]> SendAsync(string channelName, List<StoredRow> rows, CancellationToken cancellationToken)
    {
        var failures = new Exception?[rows.Count];
        IMessageChannel channel;
        try
        {
            channel = _runtime.Channels.Get(channelName);
        }
        catch (ChannelNotDeclaredException exception)
        {
            Array.Fill(failures, exception);
            return failures;
        }

        // A message the outbox held until it was due goes out as due, whatever the clocks of this process and
        // the database say: the channel must not hand it back to be held again.
        var readable = new List<ChannelMessage>(rows.Count);
        var positions = new List<int>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].ReadError is { } readError)
            {
                failures[i] = readError;
                continue;
            }

            readable.Add(channel.HoldsDelayedMessages ? rows[i].Message : rows[i].Message.AsDue());
            positions.Add(i);
        }

        var sent = await channel.SendManyAsync(readable, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < sent.Length; i++)
        {
            failures[positions[i]] = sent[i];
        }

        return failures;
    }

    private static async ValueTask<List<StoredRow>> ClaimAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string claimSql, NpgsqlParameter parameter, CancellationToken cancellationToken)
    {
        await using var claim = new NpgsqlCommand(claimSql, connection, transaction);
        claim.Parameters.Add(parameter);
        await using var reader = await claim.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<StoredRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var message = MessageRow.Read(reader, 2, out var readError);
            rows.Add(new StoredRow(reader.GetInt64(0), reader.GetString(1), message, readError));
        }

        return rows;
    }

    private readonly record struct StoredRow(long Id, string Channel, ChannelMessage Message, Exception? ReadError);

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Forwarding {Count} committed outbox message(s) failed; a relay forwards them later")]
    private static partial void LogLeftForRelay(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Outbox message {MessageId} could not be forwarded to channel {Channel}; it stays in the outbox and is tried again")]
    private static partial void LogForwardFailed(ILogger logger, Exception exception, Guid messageId, string channel);
}
