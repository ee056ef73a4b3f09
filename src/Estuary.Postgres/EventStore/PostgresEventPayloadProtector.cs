using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Estuary.Postgres;

/// <summary>
/// Keeps the per-subject keys of sensitive event members in the PostgreSQL table <c>subject_keys</c>,
/// each encrypted (AES-GCM, bound to its subject) with a 256-bit master key that the application
/// holds outside the database, for example in a key vault or a secret store. A copy of the database
/// alone decrypts nothing; <see cref="ForgetAsync"/> deletes the subject's row, after which every
/// stored copy of its sensitive members, backups and other systems included, reads as
/// <see langword="null"/> once the row is gone from backups too.
/// <para>
/// Inside a unit of work on the same data source, keys are created and forgotten in its
/// transaction: a key made for events that roll back rolls back with them. Each call is one round
/// trip; keys are not cached, so a forgotten key stops working at once in every process. Master keys
/// rotate through <see cref="MasterKeys"/> and <see cref="RewrapAsync"/>.
/// </para>
/// <code>estuary.UsePostgres(connectionString, postgres => postgres.ProtectSensitiveData(new MasterKeys("2026-11", masterKey)));</code>
/// </summary>
public sealed class PostgresEventPayloadProtector : IEventPayloadProtector
{
    // Bound to every wrapped key besides its subject: a wrapped key is never taken for a payload, nor the reverse.
    private const string WrapPurpose = "estuary.subject-key:";
    private const int RewrapBatch = 500;

    private readonly PostgresDatabase _database;
    private readonly MasterKeys _masterKeys;
    private readonly string _getOrCreateSql;
    private readonly string _getSql;
    private readonly string _forgetSql;
    private readonly string _staleSql;
    private readonly string _rewrapSql;

    /// <summary>Creates the protector over the <c>subject_keys</c> table of <paramref name="dataSource"/>.</summary>
    /// <param name="dataSource">The database; sessions of this data source are joined.</param>
    /// <param name="masterKeys">The master key that wraps new keys, and earlier ones still to be rewrapped. Losing them loses every sensitive member; keep them outside the database.</param>
    /// <param name="options">The schema (default <c>estuary</c>), created on first use unless turned off.</param>
    /// <param name="timeProvider">The clock stamping <c>created_at</c>.</param>
    public PostgresEventPayloadProtector(NpgsqlDataSource dataSource, MasterKeys masterKeys, PostgresOptions? options = null, TimeProvider? timeProvider = null)
        : this(new PostgresDatabase(dataSource, options, timeProvider), masterKeys)
    {
    }

    /// <summary>Creates the protector over the <c>subject_keys</c> table of <paramref name="database"/>.</summary>
    /// <param name="database">The database, its schema and clock; its sessions are joined.</param>
    /// <param name="masterKeys">The master key that wraps new keys, and earlier ones still to be rewrapped.</param>
    public PostgresEventPayloadProtector(PostgresDatabase database, MasterKeys masterKeys)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(masterKeys);
        _database = database;
        _masterKeys = masterKeys;
        var keys = _database.Schema.SubjectKeys;

        // The new key is written unless the subject has one; either way the statement answers the stored
        // one. Its snapshot cannot see a row another transaction committed while this one waited on it:
        // then nothing comes back, and the caller asks again.
        _getOrCreateSql = $"""
            WITH created AS (
                INSERT INTO {keys} (subject, master_key_id, wrapped_key, created_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT (subject) DO NOTHING
                RETURNING master_key_id, wrapped_key)
            SELECT master_key_id, wrapped_key FROM created
            UNION ALL
            SELECT master_key_id, wrapped_key FROM {keys} WHERE subject = $1
            LIMIT 1
            """;
        _getSql = $"SELECT master_key_id, wrapped_key FROM {keys} WHERE subject = $1";
        _forgetSql = $"DELETE FROM {keys} WHERE subject = $1";
        _staleSql = $"SELECT subject, master_key_id, wrapped_key FROM {keys} WHERE master_key_id <> $1 ORDER BY subject LIMIT {RewrapBatch}";

        // Only if it is still wrapped as read: a row forgotten or rewrapped meanwhile is left alone.
        _rewrapSql = $"UPDATE {keys} SET master_key_id = $3, wrapped_key = $4 WHERE subject = $1 AND master_key_id = $2";
    }

    /// <inheritdoc />
    public async ValueTask<byte[]> ProtectAsync(string subject, ReadOnlyMemory<byte> plaintext, string context, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(context);
        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var wrapped = SubjectCipher.Encrypt(_masterKeys.Current, WrapPurpose + subject, SubjectCipher.NewKey());
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await using var command = lease.CreateCommand(_getOrCreateSql);
            command.Parameters.Add(Parameters.Text(subject));
            command.Parameters.Add(Parameters.Text(_masterKeys.CurrentId));
            command.Parameters.Add(Parameters.Bytes(wrapped));
            command.Parameters.Add(Parameters.Timestamp(_database.Time.GetUtcNow()));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return SubjectCipher.Encrypt(Unwrap(subject, reader.GetString(0), reader.GetFieldValue<byte[]>(1)), subject, plaintext.Span, context);
            }
        }

        throw new InvalidOperationException($"The key of subject '{subject}' was neither created nor found; was it forgotten at the same moment?");
    }

    /// <inheritdoc />
    public async ValueTask<byte[]?> UnprotectAsync(string subject, ReadOnlyMemory<byte> ciphertext, string context, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(context);
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.CreateCommand(_getSql);
        command.Parameters.Add(Parameters.Text(subject));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? SubjectCipher.Decrypt(Unwrap(subject, reader.GetString(0), reader.GetFieldValue<byte[]>(1)), subject, ciphertext.Span, context)
            : null;
    }

    /// <inheritdoc />
    public async ValueTask ForgetAsync(string subject, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.CreateCommand(_forgetSql);
        command.Parameters.Add(Parameters.Text(subject));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Wraps every subject key still under an earlier master key with the current one, in batches of
    /// 500 (each its own transaction, outside any unit of work). Run it after deploying a
    /// <see cref="MasterKeys"/> with a new current key to every process; once it has run, the earlier
    /// master keys can be dropped. Safe to run again, and beside processes that create and forget keys.
    /// </summary>
    /// <returns>How many keys were rewrapped.</returns>
    /// <exception cref="InvalidOperationException">A key is wrapped with a master key this instance does not have.</exception>
    public async Task<long> RewrapAsync(CancellationToken cancellationToken = default)
    {
        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        long rewrapped = 0;
        while (true)
        {
            await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var stale = new List<(string Subject, string MasterKeyId, byte[] Wrapped)>();
            await using (var select = new NpgsqlCommand(_staleSql, connection))
            {
                select.Parameters.Add(Parameters.Text(_masterKeys.CurrentId));
                await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    stale.Add((reader.GetString(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2)));
                }
            }

            if (stale.Count == 0)
            {
                return rewrapped;
            }

            await using var batch = new NpgsqlBatch(connection);
            foreach (var (subject, masterKeyId, wrapped) in stale)
            {
                var key = Unwrap(subject, masterKeyId, wrapped);
                batch.BatchCommands.Add(new NpgsqlBatchCommand(_rewrapSql)
                {
                    Parameters =
                    {
                        Parameters.Text(subject),
                        Parameters.Text(masterKeyId),
                        Parameters.Text(_masterKeys.CurrentId),
                        Parameters.Bytes(SubjectCipher.Encrypt(_masterKeys.Current, WrapPurpose + subject, key)),
                    },
                });
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            rewrapped += stale.Count;
        }
    }

    // A wrapped key that does not open under its master key is an error, not a forgotten subject.
    private byte[] Unwrap(string subject, string masterKeyId, byte[] wrapped) =>
        _masterKeys.TryGet(masterKeyId, out var masterKey)
            ? SubjectCipher.Decrypt(masterKey, WrapPurpose + subject, wrapped)
            : throw new InvalidOperationException(
                $"The key of subject '{subject}' is wrapped with master key '{masterKeyId}', which this host does not have (current: '{_masterKeys.CurrentId}'). "
                + "Add it with MasterKeys.WithPrevious until RewrapAsync has moved every key to the current master key.");

}
