using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Npgsql;

namespace Estuary.Postgres;

/// <summary>
/// The dead letter in a PostgreSQL table. Inside the unit of work of a message received from a
/// Postgres channel of the same data source it writes in that transaction, so a dead-lettered message
/// leaves the queue and enters the dead letter at once, and a replay can delete the entry in the
/// transaction that sends the message again.
/// </summary>
public sealed class PostgresDeadLetterStore : IDeadLetterStore
{
    private const string Columns =
        "message_id, endpoint_id, channel, message_name, headers::text, payload, priority, attempts, reason, exception_type, exception_details, failed_at, generation";

    private readonly PostgresDatabase _database;
    private readonly string _addSql;
    private readonly string _listSql;
    private readonly string _countSql;
    private readonly string _getSql;
    private readonly string _deleteSql;
    private readonly string _removeSql;
    private readonly string _lastGenerationSql;
    private readonly string _generationsSql;

    /// <summary>Creates the store over the dead-letter table of <paramref name="dataSource"/>.</summary>
    /// <param name="dataSource">The database; sessions of this data source are joined.</param>
    /// <param name="options">The schema and whether to create it (default: schema <c>estuary</c>, created on first use).</param>
    public PostgresDeadLetterStore(NpgsqlDataSource dataSource, PostgresOptions? options = null)
        : this(new PostgresDatabase(dataSource, options))
    {
    }

    /// <summary>Creates the store over the dead-letter table of <paramref name="database"/> (what <c>UsePostgres</c> registers).</summary>
    public PostgresDeadLetterStore(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        var table = _database.Schema.DeadLetter;
        _addSql = $"""
            INSERT INTO {table} (message_id, endpoint_id, channel, message_name, headers, payload, priority, attempts, reason, exception_type, exception_details, failed_at)
            VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (message_id, endpoint_id) DO UPDATE SET
                channel = excluded.channel, message_name = excluded.message_name, headers = excluded.headers,
                payload = excluded.payload, priority = excluded.priority, attempts = excluded.attempts,
                reason = excluded.reason, exception_type = excluded.exception_type,
                exception_details = excluded.exception_details, failed_at = excluded.failed_at, generation = DEFAULT
            """;
        _listSql = $"SELECT {Columns} FROM {table} ORDER BY failed_at, message_id, endpoint_id OFFSET $1 LIMIT $2";
        _countSql = $"SELECT count(*) FROM {table}";
        _getSql = $"SELECT {Columns} FROM {table} WHERE message_id = $1 AND endpoint_id = $2";
        _deleteSql = $"DELETE FROM {table} WHERE message_id = $1 AND endpoint_id = $2";
        _removeSql = $"DELETE FROM {table} WHERE message_id = $1 AND endpoint_id = $2 AND generation = $3";
        _lastGenerationSql = $"SELECT coalesce(max(generation), 0) FROM {table}";
        _generationsSql = $"SELECT {Columns} FROM {table} WHERE generation > $1 AND generation <= $2 ORDER BY generation LIMIT $3";
    }

    /// <summary>Stores the entry, replacing an older entry of the same message and endpoint.</summary>
    public ValueTask AddAsync(DeadLetter entry, CancellationToken cancellationToken) =>
        AddAsync(entry, _database.AmbientSession(), cancellationToken);

    /// <summary>Stores the entry in <paramref name="session"/>, or on a connection of its own without one.</summary>
    internal async ValueTask AddAsync(DeadLetter entry, PostgresSession? session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var message = entry.Message;
        await using var lease = await _database.LeaseAsync(session, cancellationToken).ConfigureAwait(false);
        await using var command = lease.CreateCommand(_addSql);
        command.Parameters.Add(Parameters.Uuid(entry.Id));
        command.Parameters.Add(Parameters.Text(PostgresText.Storable(message.EndpointId)));
        command.Parameters.Add(Parameters.Text(PostgresText.Storable(entry.Channel)));
        command.Parameters.Add(Parameters.NullableText(message.MessageName is { } name ? PostgresText.Storable(name) : null));
        command.Parameters.Add(Parameters.Text(HeadersJson.Write(message.Headers)));
        command.Parameters.Add(Parameters.Bytes(message.Payload));
        command.Parameters.Add(Parameters.Integer(message.Priority));
        command.Parameters.Add(Parameters.Integer(message.Attempts));
        command.Parameters.Add(Parameters.Text(PostgresText.Storable(entry.Reason)));
        command.Parameters.Add(Parameters.NullableText(entry.ExceptionType));
        command.Parameters.Add(Parameters.NullableText(entry.ExceptionDetails is { } details ? PostgresText.Storable(details) : null));
        command.Parameters.Add(Parameters.Timestamp(entry.FailedAt));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Entries, oldest failure first.</summary>
    public async ValueTask<IReadOnlyList<DeadLetter>> ListAsync(int offset, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.CreateCommand(_listSql);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = offset });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = limit });
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.CreateCommand(_countSql);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async ValueTask<DeadLetter?> GetAsync(Guid id, string endpointId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpointId);
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.CreateCommand(_getSql);
        command.Parameters.Add(Parameters.Uuid(id));
        command.Parameters.Add(Parameters.Text(endpointId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(Guid id, string endpointId, CancellationToken cancellationToken) =>
        DeleteAsync(id, endpointId, _database.AmbientSession(), cancellationToken);

    /// <summary>Removes an entry in <paramref name="session"/>, or on a connection of its own without one.</summary>
    internal async ValueTask<bool> DeleteAsync(Guid id, string endpointId, PostgresSession? session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpointId);
        await using var lease = await _database.LeaseAsync(session, cancellationToken).ConfigureAwait(false);
        await using var command = lease.CreateCommand(_deleteSql);
        command.Parameters.Add(Parameters.Uuid(id));
        command.Parameters.Add(Parameters.Text(endpointId));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async ValueTask<bool> RemoveAsync(DeadLetter entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.CreateCommand(_removeSql);
        command.Parameters.Add(Parameters.Uuid(entry.Id));
        command.Parameters.Add(Parameters.Text(entry.Message.EndpointId));
        command.Parameters.Add(Parameters.Bigint(entry.Generation));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async ValueTask<long> LastGenerationAsync(CancellationToken cancellationToken)
    {
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.CreateCommand(_lastGenerationSql);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<DeadLetter>> ListGenerationsAsync(long after, long through, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.CreateCommand(_generationsSql);
        command.Parameters.Add(Parameters.Bigint(after));
        command.Parameters.Add(Parameters.Bigint(through));
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = limit });
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<IReadOnlyList<DeadLetter>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<DeadLetter>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(Read(reader));
        }

        return entries;
    }

    private static DeadLetter Read(NpgsqlDataReader reader)
    {
        var id = reader.GetGuid(0);
        return new DeadLetter
        {
            Id = id,
            Channel = reader.GetString(2),
            Message = new ChannelMessage
            {
                MessageId = id,
                EndpointId = reader.GetString(1),
                MessageName = reader.IsDBNull(3) ? null : reader.GetString(3),
                Headers = HeadersJson.Read(reader.GetString(4), id),
                Payload = reader.GetFieldValue<byte[]>(5),
                Priority = reader.GetInt32(6),
                Attempts = reader.GetInt32(7),
            },
            Reason = reader.GetString(8),
            ExceptionType = reader.IsDBNull(9) ? null : reader.GetString(9),
            ExceptionDetails = reader.IsDBNull(10) ? null : reader.GetString(10),
            FailedAt = reader.GetFieldValue<DateTimeOffset>(11),
            Generation = reader.GetInt64(12),
        };
    }
}
