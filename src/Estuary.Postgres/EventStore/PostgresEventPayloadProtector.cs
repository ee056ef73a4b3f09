using System;
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
/// trip; keys are not cached, so a forgotten key stops working at once in every process.
/// </para>
/// <code>estuary.UsePostgres(connectionString, postgres => postgres.ProtectSensitiveData(masterKey));</code>
/// </summary>
public sealed class PostgresEventPayloadProtector : IEventPayloadProtector
{
    // The subject bound to every wrapped key, besides the subject itself: a payload key is never a wrapped key.
    private const string WrapPurpose = "estuary.subject-key:";

    private readonly NpgsqlDataSource _dataSource;
    private readonly byte[] _masterKey;
    private readonly PostgresSchema _schema;
    private readonly bool _autoCreateSchema;
    private readonly TimeProvider _time;
    private readonly string _getOrCreateSql;
    private readonly string _getSql;
    private readonly string _forgetSql;

    /// <summary>Creates the protector over the <c>subject_keys</c> table of <paramref name="dataSource"/>.</summary>
    /// <param name="dataSource">The database; sessions of this data source are joined.</param>
    /// <param name="masterKey">The 32-byte key that encrypts every subject's key. Losing it loses every sensitive member; keep it outside the database.</param>
    /// <param name="options">The schema (default <c>estuary</c>), created on first use unless turned off.</param>
    /// <param name="timeProvider">The clock stamping <c>created_at</c>.</param>
    /// <exception cref="ArgumentException">The master key is not 32 bytes.</exception>
    public PostgresEventPayloadProtector(NpgsqlDataSource dataSource, ReadOnlySpan<byte> masterKey, PostgresOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        if (masterKey.Length != SubjectCipher.KeySize)
        {
            throw new ArgumentException(
                $"The master key protecting subjects' keys must be {SubjectCipher.KeySize} bytes (256 bits), not {masterKey.Length}: generate one with RandomNumberGenerator.GetBytes(32) and keep it in a secret store.",
                nameof(masterKey));
        }

        options ??= new PostgresOptions();
        _dataSource = dataSource;
        _masterKey = masterKey.ToArray();
        _schema = new PostgresSchema(options.SchemaName);
        _autoCreateSchema = options.AutoCreateSchema;
        _time = timeProvider ?? TimeProvider.System;
        var keys = _schema.SubjectKeys;

        // The new key is written unless the subject has one; either way the statement answers the stored
        // one. Its snapshot cannot see a row another transaction committed while this one waited on it:
        // then nothing comes back, and the caller asks again.
        _getOrCreateSql = $"""
            WITH created AS (
                INSERT INTO {keys} (subject, wrapped_key, created_at) VALUES ($1, $2, $3)
                ON CONFLICT (subject) DO NOTHING
                RETURNING wrapped_key)
            SELECT wrapped_key FROM created
            UNION ALL
            SELECT wrapped_key FROM {keys} WHERE subject = $1
            LIMIT 1
            """;
        _getSql = $"SELECT wrapped_key FROM {keys} WHERE subject = $1";
        _forgetSql = $"DELETE FROM {keys} WHERE subject = $1";
    }

    /// <inheritdoc />
    public async ValueTask<byte[]> ProtectAsync(string subject, ReadOnlyMemory<byte> plaintext, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var proposed = SubjectCipher.NewKey();
        var wrapped = SubjectCipher.Encrypt(_masterKey, WrapPurpose + subject, proposed);
        await using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            await using var command = lease.CreateCommand(_getOrCreateSql);
            command.Parameters.Add(Parameters.Text(subject));
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = wrapped });
            command.Parameters.Add(Parameters.Timestamp(_time.GetUtcNow()));
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is byte[] stored)
            {
                return SubjectCipher.Encrypt(Unwrap(subject, stored), subject, plaintext.Span);
            }

            if (attempt == 1)
            {
                throw new InvalidOperationException($"The key of subject '{subject}' was neither created nor found; was it forgotten at the same moment?");
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<byte[]?> UnprotectAsync(string subject, ReadOnlyMemory<byte> ciphertext, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.CreateCommand(_getSql);
        command.Parameters.Add(Parameters.Text(subject));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is byte[] stored
            ? SubjectCipher.Decrypt(Unwrap(subject, stored), subject, ciphertext.Span)
            : null;
    }

    /// <inheritdoc />
    public async ValueTask ForgetAsync(string subject, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.CreateCommand(_forgetSql);
        command.Parameters.Add(Parameters.Text(subject));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // A wrapped key that does not open under this master key is an error, not a forgotten subject.
    private byte[] Unwrap(string subject, byte[] wrapped) => SubjectCipher.Decrypt(_masterKey, WrapPurpose + subject, wrapped);

    private ValueTask<ConnectionLease> OpenAsync(CancellationToken cancellationToken) =>
        ConnectionLease.OpenAsync(_dataSource, PostgresSession.Ambient(_dataSource), cancellationToken);

    private Task EnsureSchemaAsync(CancellationToken cancellationToken) =>
        _autoCreateSchema ? _schema.EnsureCreatedAsync(_dataSource, cancellationToken) : Task.CompletedTask;
}
