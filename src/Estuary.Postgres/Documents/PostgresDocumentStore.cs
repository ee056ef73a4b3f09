using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Estuary.Postgres;

/// <summary>
/// Documents in the PostgreSQL table <c>documents</c>, as jsonb. Inside a unit of work on the same
/// data source (a message received from a Postgres channel, <see cref="PostgresUnitOfWork"/>) reads
/// and writes run in its transaction: a handler's document changes commit with the message, and a
/// failed attempt's rollback undoes them. Elsewhere each operation runs on a connection of its own,
/// in autocommit. Every operation is one statement, one round trip (a failed save reads the current
/// version to report it).
/// </summary>
public sealed class PostgresDocumentStore : IDocumentStore
{
    private readonly PostgresDatabase _database;
    private readonly JsonSerializerOptions _json;
    private readonly string _addSql;
    private readonly string _updateSql;
    private readonly string _upsertSql;
    private readonly string _createSql;
    private readonly string _saveSql;
    private readonly string _deleteSql;
    private readonly string _deleteVersionSql;
    private readonly string _getSql;
    private readonly string _getVersionedSql;
    private readonly string _versionSql;
    private readonly string _allSql;
    private readonly string _countSql;
    private readonly string _dropSql;

    /// <summary>Creates the store over the documents table of <paramref name="dataSource"/>.</summary>
    /// <param name="dataSource">The database; sessions of this data source are joined.</param>
    /// <param name="json">
    /// Options whose <see cref="JsonSerializerOptions.TypeInfoResolver"/> has the metadata of the document
    /// types: <c>EstuaryRuntime.Json</c> in a host, or a <c>JsonSerializerContext</c>'s options.
    /// </param>
    /// <param name="options">The schema and whether to create it (default: schema <c>estuary</c>, created on first use).</param>
    /// <param name="timeProvider">The clock stamping <c>updated_at</c> (default: the system clock).</param>
    public PostgresDocumentStore(NpgsqlDataSource dataSource, JsonSerializerOptions json, PostgresOptions? options = null, TimeProvider? timeProvider = null)
        : this(new PostgresDatabase(dataSource, options, timeProvider), json)
    {
    }

    /// <summary>Creates the store over the documents table of <paramref name="database"/> (what <c>UsePostgres</c> registers).</summary>
    /// <param name="database">The database, its schema and clock; its sessions are joined.</param>
    /// <param name="json">Options whose <see cref="JsonSerializerOptions.TypeInfoResolver"/> has the metadata of the document types.</param>
    public PostgresDocumentStore(PostgresDatabase database, JsonSerializerOptions json)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _json = DocumentJson.Freeze(json, outOfOrderMetadata: true);

        // $1 collection, $2 id, $3 data (text cast to jsonb), $4 updated_at, $5 expected version.
        var table = _database.Schema.Documents;
        const string Insert = "(collection, id, version, data, updated_at) VALUES ($1, $2, 1, $3::jsonb, $4)";
        const string Key = "collection = $1 AND id = $2";
        _addSql = $"INSERT INTO {table} {Insert} ON CONFLICT (collection, id) DO NOTHING";
        _updateSql = $"UPDATE {table} SET data = $3::jsonb, version = version + 1, updated_at = $4 WHERE {Key}";
        _upsertSql = $"""
            INSERT INTO {table} AS d {Insert}
            ON CONFLICT (collection, id) DO UPDATE SET data = excluded.data, version = d.version + 1, updated_at = excluded.updated_at
            """;
        _createSql = $"INSERT INTO {table} {Insert} ON CONFLICT (collection, id) DO NOTHING RETURNING version";

        // A concurrent save of the same row waits for the other transaction, then re-checks the version
        // against the committed row: of two saves expecting one version, the second updates nothing.
        _saveSql = $"UPDATE {table} SET data = $3::jsonb, version = version + 1, updated_at = $4 WHERE {Key} AND version = $5 RETURNING version";
        _deleteSql = $"DELETE FROM {table} WHERE {Key}";
        _deleteVersionSql = $"DELETE FROM {table} WHERE {Key} AND version = $3";
        _getSql = $"SELECT data::text FROM {table} WHERE {Key}";
        _getVersionedSql = $"SELECT data::text, version FROM {table} WHERE {Key}";
        _versionSql = $"SELECT version FROM {table} WHERE {Key}";
        _allSql = $"SELECT id, data::text FROM {table} WHERE collection = $1 ORDER BY id";
        _countSql = $"SELECT count(*) FROM {table} WHERE collection = $1";
        _dropSql = $"DELETE FROM {table} WHERE collection = $1";
    }

    /// <inheritdoc />
    public async ValueTask AddAsync<T>(string collection, string id, T document, CancellationToken cancellationToken = default)
    {
        var json = Serialize(collection, id, document);
        if (await WriteAsync(_addSql, collection, id, json, cancellationToken).ConfigureAwait(false) == 0)
        {
            throw new DocumentAlreadyExistsException(collection, id);
        }
    }

    /// <inheritdoc />
    public async ValueTask UpdateAsync<T>(string collection, string id, T document, CancellationToken cancellationToken = default)
    {
        var json = Serialize(collection, id, document);
        if (await WriteAsync(_updateSql, collection, id, json, cancellationToken).ConfigureAwait(false) == 0)
        {
            throw new DocumentNotFoundException(collection, id);
        }
    }

    /// <inheritdoc />
    public async ValueTask UpsertAsync<T>(string collection, string id, T document, CancellationToken cancellationToken = default)
    {
        var json = Serialize(collection, id, document);
        await WriteAsync(_upsertSql, collection, id, json, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<long> SaveAsync<T>(string collection, string id, T document, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        var json = Serialize(collection, id, document);
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using (var save = Command(lease, expectedVersion == 0 ? _createSql : _saveSql, collection, id, json))
        {
            if (expectedVersion != 0)
            {
                save.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expectedVersion });
            }

            if (await save.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version)
            {
                return version;
            }
        }

        // Only to name the version found in the error: the save itself already failed.
        await using var read = Command(lease, _versionSql, collection, id);
        var actual = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long found ? found : 0;
        throw new ConcurrencyException(collection, id, expectedVersion, actual);
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteAsync(string collection, string id, CancellationToken cancellationToken = default)
    {
        Validate(collection, id);
        return await WriteAsync(_deleteSql, collection, id, json: null, cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async ValueTask DeleteAsync(string collection, string id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(expectedVersion);
        Validate(collection, id);
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using (var delete = Command(lease, _deleteVersionSql, collection, id))
        {
            delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expectedVersion });
            if (await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                return;
            }
        }

        await using var read = Command(lease, _versionSql, collection, id);
        var actual = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long found ? found : 0;
        throw new ConcurrencyException(collection, id, expectedVersion, actual);
    }

    /// <inheritdoc />
    public async ValueTask<T> GetAsync<T>(string collection, string id, CancellationToken cancellationToken = default)
    {
        Validate(collection, id);
        var info = DocumentJson.TypeInfo<T>(_json);
        var json = await ReadAsync(collection, id, cancellationToken).ConfigureAwait(false) ?? throw new DocumentNotFoundException(collection, id);
        return DocumentJson.Read(json, info, collection, id);
    }

    /// <inheritdoc />
    public async ValueTask<T?> FindAsync<T>(string collection, string id, CancellationToken cancellationToken = default)
    {
        Validate(collection, id);
        var info = DocumentJson.TypeInfo<T>(_json);
        return await ReadAsync(collection, id, cancellationToken).ConfigureAwait(false) is { } json ? DocumentJson.Read(json, info, collection, id) : default;
    }

    /// <inheritdoc />
    public async ValueTask<VersionedDocument<T>?> FindVersionedAsync<T>(string collection, string id, CancellationToken cancellationToken = default)
    {
        Validate(collection, id);
        var info = DocumentJson.TypeInfo<T>(_json);
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(lease, _getVersionedSql, collection, id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new VersionedDocument<T>(DocumentJson.Read(reader.GetString(0), info, collection, id), reader.GetInt64(1));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Outside a unit of work the documents stream from a connection of their own. Inside one they are
    /// read in full first: the transaction's connection runs one command at a time, and the caller may
    /// write while enumerating.
    /// </remarks>
    public IAsyncEnumerable<T> AllAsync<T>(string collection, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        return Enumerate(collection, DocumentJson.TypeInfo<T>(_json), cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<long> CountAsync(string collection, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.CreateCommand(_countSql);
        command.Parameters.Add(Parameters.Text(collection));
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async ValueTask DropCollectionAsync(string collection, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.CreateCommand(_dropSql);
        command.Parameters.Add(Parameters.Text(collection));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async IAsyncEnumerable<T> Enumerate<T>(string collection, JsonTypeInfo<T> info, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var session = _database.AmbientSession();
        await using var lease = await _database.LeaseAsync(session, cancellationToken).ConfigureAwait(false);
        await using var command = lease.CreateCommand(_allSql);
        command.Parameters.Add(Parameters.Text(collection));
        List<(string Id, string Json)>? buffered = session is null ? null : [];
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (buffered is null)
                {
                    yield return DocumentJson.Read(reader.GetString(1), info, collection, reader.GetString(0));
                }
                else
                {
                    buffered.Add((reader.GetString(0), reader.GetString(1)));
                }
            }
        }

        foreach (var (id, json) in buffered ?? [])
        {
            yield return DocumentJson.Read(json, info, collection, id);
        }
    }

    private string Serialize<T>(string collection, string id, T document)
    {
        Validate(collection, id);
        if (document is null)
        {
            throw new ArgumentNullException(nameof(document), "A document cannot be null. Delete it with DeleteAsync instead.");
        }

        return JsonSerializer.Serialize(document, DocumentJson.TypeInfo<T>(_json));
    }

    private async ValueTask<int> WriteAsync(string sql, string collection, string id, string? json, CancellationToken cancellationToken)
    {
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(lease, sql, collection, id, json);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<string?> ReadAsync(string collection, string id, CancellationToken cancellationToken)
    {
        await using var lease = await _database.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(lease, _getSql, collection, id);
        return (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    // A write's command also takes its data and timestamp.
    private NpgsqlCommand Command(ConnectionLease lease, string sql, string collection, string id, string? json = null)
    {
        var command = lease.CreateCommand(sql);
        command.Parameters.Add(Parameters.Text(collection));
        command.Parameters.Add(Parameters.Text(id));
        if (json is not null)
        {
            command.Parameters.Add(Parameters.Text(json));
            command.Parameters.Add(Parameters.Timestamp(_database.Time.GetUtcNow()));
        }

        return command;
    }

    private static void Validate(string collection, string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        ArgumentException.ThrowIfNullOrEmpty(id);
    }
}
