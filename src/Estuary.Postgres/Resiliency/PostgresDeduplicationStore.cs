using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Estuary.Postgres;

/// <summary>
/// Deduplication marks in a PostgreSQL table. Inside the unit of work of a message received from a
/// Postgres channel of the same data source the mark is written in that transaction: it exists only
/// if the handler's work commits, and a failed attempt's rollback undoes it. In any other unit of work
/// (an in-memory or broker channel) the mark is written in a transaction of its own, enlisted in the
/// unit of work: rolled back with a failed attempt, committed once the handler succeeded, and holding
/// the key meanwhile, so a second delivery of the message waits for the first.
/// </summary>
public sealed class PostgresDeduplicationStore : IDeduplicationStore
{
    /// <summary>The transaction-local setting through which a claim passes its message id and endpoint to <see cref="ClaimMarkSql"/>.</summary>
    internal const string ClaimSetting = "estuary.claim_mark";

    private readonly PostgresDatabase _database;
    private readonly string _recordSql;
    private readonly string _removeMarkSql;
    private readonly string _removeSql;
    private readonly string _countSql;

    /// <summary>Creates the store over the deduplication table of <paramref name="dataSource"/>.</summary>
    /// <param name="dataSource">The database; sessions of this data source are joined.</param>
    /// <param name="options">The schema and whether to create it (default: schema <c>estuary</c>, created on first use).</param>
    /// <param name="timeProvider">The clock stamping marks, which <see cref="RemoveExpiredAsync"/> compares (default: the system clock).</param>
    public PostgresDeduplicationStore(NpgsqlDataSource dataSource, PostgresOptions? options = null, TimeProvider? timeProvider = null)
        : this(new PostgresDatabase(dataSource, options, timeProvider))
    {
    }

    /// <summary>Creates the store over the deduplication table of <paramref name="database"/> (what <c>UsePostgres</c> registers).</summary>
    public PostgresDeduplicationStore(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        var table = _database.Schema.Deduplication;
        _recordSql = $"INSERT INTO {table} (endpoint_id, key, recorded_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
        _removeMarkSql = $"DELETE FROM {table} WHERE endpoint_id = $1 AND key = $2";

        // A claim statement cannot hand its row to a later statement of its batch except through the
        // database: it sets ClaimSetting (the uuid's 36 characters, then the endpoint id) for the rest
        // of the transaction, and this insert reads it. Without a claimed row the setting is unset or empty.
        ClaimMarkSql = $"""
            INSERT INTO {table} (endpoint_id, key, recorded_at)
            SELECT substr(claimed.mark, 37), substr(claimed.mark, 1, 36), $1
            FROM (SELECT current_setting('{ClaimSetting}', true) AS mark) AS claimed
            WHERE claimed.mark <> ''
            ON CONFLICT DO NOTHING
            """;

        // SKIP LOCKED: a mark being written by an open transaction is left for the next run instead of waited for.
        _removeSql = $"""
            DELETE FROM {table}
            WHERE (endpoint_id, key) IN (
                SELECT endpoint_id, key FROM {table}
                WHERE recorded_at < $1
                ORDER BY recorded_at
                LIMIT $2
                FOR UPDATE SKIP LOCKED)
            """;
        _countSql = $"SELECT count(*) FROM {table} WHERE recorded_at < $1";
    }

    /// <summary>
    /// Records the key; returns <see langword="false"/> when it was already recorded. A concurrent
    /// transaction recording the same key makes this call wait until it ends, then report a duplicate
    /// if it committed: two deliveries of one message never both pass.
    /// </summary>
    public ValueTask<bool> TryRecordAsync(string endpointId, string key, CancellationToken cancellationToken)
    {
        var session = _database.AmbientSession();
        if (session?.TakeClaimMark(Table, endpointId, key) is { } recorded)
        {
            // The receive recorded this very mark with its claim, in this transaction.
            return ValueTask.FromResult(recorded);
        }

        return session is null && UnitOfWork.Current is { } work
            ? TryRecordEnlistedAsync(endpointId, key, work, cancellationToken)
            : TryRecordAsync(endpointId, key, session, cancellationToken);
    }

    private async ValueTask<bool> TryRecordEnlistedAsync(string endpointId, string key, UnitOfWork work, CancellationToken cancellationToken)
    {
        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var session = await PostgresSession.BeginAsync(_database.DataSource, cancellationToken).ConfigureAwait(false);
        work.Enlist(session);
        return await TryRecordAsync(endpointId, key, session, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the key in <paramref name="session"/>, or on a connection of its own without one.</summary>
    internal async ValueTask<bool> TryRecordAsync(string endpointId, string key, PostgresSession? session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpointId);
        ArgumentNullException.ThrowIfNull(key);
        await using var lease = await _database.LeaseAsync(session, cancellationToken).ConfigureAwait(false);
        await using var command = lease.CreateCommand(_recordSql);
        command.Parameters.Add(Parameters.Text(endpointId));
        command.Parameters.Add(Parameters.Text(key));
        command.Parameters.Add(Parameters.Timestamp(_database.Time.GetUtcNow()));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>The database the marks are in.</summary>
    internal PostgresDatabase Database => _database;

    /// <summary>The deduplication table.</summary>
    internal string Table => _database.Schema.Deduplication;

    /// <summary>
    /// Records the mark of the message a claim statement of the same transaction returned (see
    /// <see cref="ClaimSetting"/>); <c>$1</c> is the time recorded. One row affected: a new mark.
    /// </summary>
    internal string ClaimMarkSql { get; }

    /// <summary>Removes a mark <paramref name="session"/> recorded with its claim and no one took.</summary>
    internal async ValueTask RemoveAsync(ClaimMark mark, PostgresSession session, CancellationToken cancellationToken)
    {
        await using var command = session.CreateCommand(_removeMarkSql);
        command.Parameters.Add(Parameters.Text(mark.EndpointId));
        command.Parameters.Add(Parameters.Text(mark.Key));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes marks recorded before <paramref name="before"/>, committing every <paramref name="batchSize"/>
    /// rows so a large clean-up never holds long locks; returns how many were removed. It always uses a
    /// connection of its own, even inside a unit of work: the clean-up is maintenance, not part of a message.
    /// </summary>
    public async ValueTask<long> RemoveExpiredAsync(DateTimeOffset before, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        long removed = 0;
        while (true)
        {
            await using var command = new NpgsqlCommand(_removeSql, connection);
            command.Parameters.Add(Parameters.Timestamp(before));
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = batchSize });
            var count = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            removed += count;
            if (count < batchSize)
            {
                return removed;
            }
        }
    }

    /// <summary>
    /// Counts the marks recorded before <paramref name="before"/>, on a connection of its own like
    /// <see cref="RemoveExpiredAsync"/>. Marks of transactions still open are not counted.
    /// </summary>
    public async ValueTask<long> CountRecordedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(_countSql, connection);
        command.Parameters.Add(Parameters.Timestamp(before));
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

}
