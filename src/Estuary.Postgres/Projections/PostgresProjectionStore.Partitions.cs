using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Estuary.Postgres;

// Partitions in the schema's projection_partitions table: a batch holds the rows of its partitions
// (FOR UPDATE, SKIP LOCKED when claiming), so each partition is handled by one worker at a time across
// processes, and the rows are written in the batch's transaction. Lists travel as JSON (jsonb_to_recordset).
public sealed partial class PostgresProjectionStore
{
    private const string PartitionColumns = "projection, partition_key, version, due, due_since, replay_version, state, attempts, retry_at, error, updated_at";

    private sealed class PartitionSql(string table)
    {
        public string MarkDue { get; } = $"""
            INSERT INTO {table} AS p (projection, partition_key, version, due, due_since, updated_at)
            SELECT $1, d.partition_key, 0, d.version, $3, $3 FROM jsonb_to_recordset($2) AS d(partition_key text, version bigint) ORDER BY d.partition_key
            ON CONFLICT (projection, partition_key) DO UPDATE SET due = excluded.due, updated_at = excluded.updated_at,
                due_since = CASE WHEN p.version < p.due THEN p.due_since ELSE excluded.due_since END
            WHERE p.due < excluded.due
            """;

        public string Claim { get; } = $"""
            SELECT {PartitionColumns} FROM {table}
            WHERE projection = $1 AND version < due AND (retry_at IS NULL OR retry_at <= $3)
            ORDER BY due_since, partition_key LIMIT $2
            FOR UPDATE SKIP LOCKED
            """;

        public string Create { get; } = $"INSERT INTO {table} (projection, partition_key, version, due, due_since, updated_at) VALUES ($1, $2, 0, 0, $3, $3) ON CONFLICT DO NOTHING";

        public string Lock { get; } = $"SELECT {PartitionColumns} FROM {table} WHERE projection = $1 AND partition_key = $2 FOR UPDATE SKIP LOCKED";

        public string Wait { get; } = $"SELECT {PartitionColumns} FROM {table} WHERE projection = $1 AND partition_key = $2 FOR UPDATE";

        public string Get { get; } = $"SELECT {PartitionColumns} FROM {table} WHERE projection = $1 AND partition_key = $2";

        public string Save { get; } = $"""
            UPDATE {table} AS p SET version = u.version, due = u.due, due_since = u.due_since, replay_version = u.replay_version, state = u.state,
                attempts = u.attempts, retry_at = u.retry_at, error = u.error, updated_at = $3
            FROM jsonb_to_recordset($2) AS u(partition_key text, version bigint, due bigint, due_since timestamptz, replay_version bigint, state jsonb, attempts integer, retry_at timestamptz, error text)
            WHERE p.projection = $1 AND p.partition_key = u.partition_key
            """;

        // Every SET expression reads the row as it was: due and replay_version take the old version.
        public string Reset { get; } = $"""
            UPDATE {table} SET replay_version = GREATEST(replay_version, version), due = GREATEST(due, version), version = 0,
                state = NULL, attempts = 0, retry_at = NULL, error = NULL, due_since = $2, updated_at = $2
            WHERE projection = $1
            """;

        public string Delete { get; } = $"DELETE FROM {table} WHERE projection = $1";

        public string Count { get; } = $"SELECT count(*), count(*) FILTER (WHERE version < due), count(*) FILTER (WHERE attempts > 0), COALESCE(sum(due - version) FILTER (WHERE version < due), 0)::bigint FROM {table} WHERE projection = $1";

        public string Failing { get; } = $"SELECT {PartitionColumns} FROM {table} WHERE projection = $1 AND attempts > 0 ORDER BY due_since, partition_key LIMIT $2";
    }

    /// <inheritdoc />
    public async ValueTask MarkDueAsync(string projection, IReadOnlyList<PartitionDue> due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(due);
        if (due.Count == 0)
        {
            return;
        }

        // One row per key: a statement cannot update a row twice.
        var highest = due.GroupBy(static d => d.Key, StringComparer.Ordinal).Select(static g => (g.Key, g.Max(static d => d.Version)));
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.CreateCommand(_partitions.MarkDue);
        command.Parameters.Add(Parameters.Text(projection));
        command.Parameters.Add(Parameters.Jsonb(PositionsJson.Write(highest, "partition_key", "version")));
        command.Parameters.Add(Parameters.Timestamp(_database.Time.GetUtcNow()));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<PartitionRecord>> ClaimDueAsync(string projection, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.CreateCommand(_partitions.Claim);
        command.Parameters.Add(Parameters.Text(projection));
        command.Parameters.Add(Parameters.Integer(limit));
        command.Parameters.Add(Parameters.Timestamp(_database.Time.GetUtcNow()));
        return await ReadPartitionsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<PartitionRecord?> LockPartitionAsync(string projection, string key, bool wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(key);
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(lease.Connection, lease.Transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(_partitions.Create) { Parameters = { Parameters.Text(projection), Parameters.Text(key), Parameters.Timestamp(_database.Time.GetUtcNow()) } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(wait ? _partitions.Wait : _partitions.Lock) { Parameters = { Parameters.Text(projection), Parameters.Text(key) } });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadPartition(reader) : null;
    }

    /// <inheritdoc />
    public async ValueTask SavePartitionsAsync(IReadOnlyList<PartitionRecord> partitions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        foreach (var projection in partitions.GroupBy(static p => p.Projection, StringComparer.Ordinal))
        {
            await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
            await using var command = lease.CreateCommand(_partitions.Save);
            command.Parameters.Add(Parameters.Text(projection.Key));
            command.Parameters.Add(Parameters.Jsonb(WritePartitions(projection)));
            command.Parameters.Add(Parameters.Timestamp(_database.Time.GetUtcNow()));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask ResetPartitionsAsync(string projection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(projection);
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.CreateCommand(_partitions.Reset);
        command.Parameters.Add(Parameters.Text(projection));
        command.Parameters.Add(Parameters.Timestamp(_database.Time.GetUtcNow()));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DeletePartitionsAsync(string projection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(projection);
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.CreateCommand(_partitions.Delete);
        command.Parameters.Add(Parameters.Text(projection));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<PartitionRecord?> GetPartitionAsync(string projection, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(key);
        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _database.DataSource.CreateCommand(_partitions.Get);
        command.Parameters.Add(Parameters.Text(projection));
        command.Parameters.Add(Parameters.Text(key));
        return (await ReadPartitionsAsync(command, cancellationToken).ConfigureAwait(false)) is [var partition] ? partition : null;
    }

    /// <inheritdoc />
    public async ValueTask<PartitionCounts> CountPartitionsAsync(string projection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(projection);
        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _database.DataSource.CreateCommand(_partitions.Count);
        command.Parameters.Add(Parameters.Text(projection));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new PartitionCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<PartitionRecord>> ListFailingPartitionsAsync(string projection, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _database.DataSource.CreateCommand(_partitions.Failing);
        command.Parameters.Add(Parameters.Text(projection));
        command.Parameters.Add(Parameters.Integer(limit));
        return await ReadPartitionsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<PartitionRecord>> ReadPartitionsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var partitions = new List<PartitionRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            partitions.Add(ReadPartition(reader));
        }

        return partitions;
    }

    private static PartitionRecord ReadPartition(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3))
        {
            DueSince = reader.GetFieldValue<DateTimeOffset>(4),
            ReplayUntil = reader.GetInt64(5),
            State = reader.IsDBNull(6) ? null : reader.GetFieldValue<byte[]>(6),
            Attempts = reader.GetInt32(7),
            RetryAt = reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
            Error = reader.IsDBNull(9) ? null : reader.GetString(9),
            UpdatedAt = reader.GetFieldValue<DateTimeOffset>(10),
        };

    // The rows to write as the JSON that the update reads with jsonb_to_recordset; the state is embedded as JSON.
    private static byte[] WritePartitions(IEnumerable<PartitionRecord> partitions)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var partition in partitions)
            {
                writer.WriteStartObject();
                writer.WriteString("partition_key", partition.Key);
                writer.WriteNumber("version", partition.Version);
                writer.WriteNumber("due", partition.Due);
                writer.WriteString("due_since", partition.DueSince.ToUniversalTime());
                writer.WriteNumber("replay_version", partition.ReplayUntil);
                writer.WritePropertyName("state");
                if (partition.State is { } state)
                {
                    writer.WriteRawValue(state, skipInputValidation: true);
                }
                else
                {
                    writer.WriteNullValue();
                }

                writer.WriteNumber("attempts", partition.Attempts);
                if (partition.RetryAt is { } retryAt)
                {
                    writer.WriteString("retry_at", retryAt.ToUniversalTime());
                }
                else
                {
                    writer.WriteNull("retry_at");
                }

                writer.WriteString("error", partition.Error);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.ToArray();
    }
}
