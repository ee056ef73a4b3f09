using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Npgsql;

namespace Estuary.Postgres;

/// <summary>
/// Projection positions in the schema's <c>projections</c> table. A batch takes its projection's row
/// with <c>FOR UPDATE</c> in its own transaction, so two workers (threads or processes) never run the
/// same projection at once, and the position is written in the transaction of the read model's changes.
/// </summary>
public sealed partial class PostgresProjectionStore : IProjectionStore
{
    private readonly PostgresDatabase _database;
    private readonly string _createSql;
    private readonly string _lockSql;
    private readonly string _waitSql;
    private readonly string _saveSql;
    private readonly string _deleteSql;
    private readonly string _listSql;
    private readonly PartitionSql _partitions;

    /// <summary>Creates the store over the projections table of <paramref name="database"/> (what <c>UsePostgres</c> registers).</summary>
    public PostgresProjectionStore(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        var table = database.Schema.Projections;
        const string Columns = "name, transaction_id, position, initialized, updated_at, ahead, replay_transaction_id, replay_position, state, took_over_at";

        // The insert never waits: a row another transaction holds exists already, so it does nothing.
        _createSql = $"INSERT INTO {table} ({Columns}) VALUES ($1, '0'::xid8, 0, false, $2, '{{}}', '0'::xid8, 0, NULL, NULL) ON CONFLICT (name) DO NOTHING";
        _lockSql = $"SELECT {Columns} FROM {table} WHERE name = $1 FOR UPDATE SKIP LOCKED";
        _waitSql = $"SELECT {Columns} FROM {table} WHERE name = $1 FOR UPDATE";
        _saveSql = $"UPDATE {table} SET transaction_id = $2, position = $3, initialized = $4, updated_at = $5, ahead = $6, replay_transaction_id = $7, replay_position = $8, state = $9, took_over_at = $10 WHERE name = $1";
        _deleteSql = $"DELETE FROM {table} WHERE name = $1";
        _listSql = $"SELECT {Columns} FROM {table} ORDER BY name";
        _partitions = new PartitionSql(database.Schema.ProjectionPartitions);
    }

    /// <inheritdoc />
    public async ValueTask<ProjectionRecord?> LockAsync(string name, bool wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(lease.Connection, lease.Transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(_createSql) { Parameters = { Parameters.Text(name), Parameters.Timestamp(_database.Time.GetUtcNow()) } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(wait ? _waitSql : _lockSql) { Parameters = { Parameters.Text(name) } });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <inheritdoc />
    public bool CanJoin(ITransactionSession? session) => session is not null && PostgresSession.Joins(session, _database.DataSource);

    /// <inheritdoc />
    public async ValueTask SaveAsync(ProjectionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.CreateCommand(_saveSql);
        command.Parameters.Add(Parameters.Text(record.Name));
        command.Parameters.Add(Parameters.TransactionId(record.Position.Transaction));
        command.Parameters.Add(Parameters.Bigint(record.Position.Position));
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = record.Initialized });
        command.Parameters.Add(Parameters.Timestamp(_database.Time.GetUtcNow()));
        command.Parameters.Add(new NpgsqlParameter<ulong[]> { TypedValue = [.. record.Ahead], NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Xid8 });
        command.Parameters.Add(Parameters.TransactionId(record.ReplayUntil.Transaction));
        command.Parameters.Add(Parameters.Bigint(record.ReplayUntil.Position));
        command.Parameters.Add(record.State is { } state ? Parameters.Jsonb(state) : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb });
        command.Parameters.Add(record.TookOverAt is { } tookOver ? Parameters.Timestamp(tookOver) : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DeleteAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.CreateCommand(_deleteSql);
        command.Parameters.Add(Parameters.Text(name));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ProjectionRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _database.DataSource.CreateCommand(_listSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<ProjectionRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(Read(reader));
        }

        return records;
    }

    private static ProjectionRecord Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        new AllPosition(reader.GetFieldValue<ulong>(1), reader.GetInt64(2)),
        reader.GetBoolean(3),
        reader.GetFieldValue<DateTimeOffset>(4))
    {
        Ahead = reader.GetFieldValue<ulong[]>(5),
        ReplayUntil = new AllPosition(reader.GetFieldValue<ulong>(6), reader.GetInt64(7)),
        State = reader.IsDBNull(8) ? null : reader.GetFieldValue<byte[]>(8),
        TookOverAt = reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
    };
}
