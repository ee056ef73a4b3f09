using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary;

/// <summary>
/// The default document store: documents kept in memory as JSON (lost when the process ends), so that
/// what is read back is a copy, as from a database. Inside a unit of work, a write is undone if the
/// attempt that made it fails. There is no isolation: other flows see a write at once, before the
/// unit of work ends.
/// </summary>
public sealed class InMemoryDocumentStore : IDocumentStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedDictionary<string, Entry>> _collections = new(StringComparer.Ordinal);
    private readonly JsonSerializerOptions _json;

    /// <summary>Creates an empty store.</summary>
    /// <param name="json">
    /// Options whose <see cref="JsonSerializerOptions.TypeInfoResolver"/> has the metadata of the document
    /// types: <c>EstuaryRuntime.Json</c> in a host, or a <c>JsonSerializerContext</c>'s options. A read-only copy is kept.
    /// </param>
    public InMemoryDocumentStore(JsonSerializerOptions json) => _json = DocumentJson.Freeze(json);

    /// <inheritdoc />
    public ValueTask AddAsync<T>(string collection, string id, T document, CancellationToken cancellationToken = default)
    {
        var json = Serialize(collection, id, document, cancellationToken);
        lock (_gate)
        {
            var current = Current(collection, id);
            if (current is not null)
            {
                throw new DocumentAlreadyExistsException(collection, id);
            }

            Write(collection, id, current, new Entry(json, 1));
        }

        return default;
    }

    /// <inheritdoc />
    public ValueTask UpdateAsync<T>(string collection, string id, T document, CancellationToken cancellationToken = default)
    {
        var json = Serialize(collection, id, document, cancellationToken);
        lock (_gate)
        {
            var current = Current(collection, id) ?? throw new DocumentNotFoundException(collection, id);
            Write(collection, id, current, new Entry(json, current.Version + 1));
        }

        return default;
    }

    /// <inheritdoc />
    public ValueTask UpsertAsync<T>(string collection, string id, T document, CancellationToken cancellationToken = default)
    {
        var json = Serialize(collection, id, document, cancellationToken);
        lock (_gate)
        {
            var current = Current(collection, id);
            Write(collection, id, current, new Entry(json, (current?.Version ?? 0) + 1));
        }

        return default;
    }

    /// <inheritdoc />
    public ValueTask<long> SaveAsync<T>(string collection, string id, T document, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        var json = Serialize(collection, id, document, cancellationToken);
        lock (_gate)
        {
            var current = Current(collection, id);
            var actual = current?.Version ?? 0;
            if (actual != expectedVersion)
            {
                throw new ConcurrencyException(collection, id, expectedVersion, actual);
            }

            Write(collection, id, current, new Entry(json, actual + 1));
            return new(actual + 1);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(string collection, string id, CancellationToken cancellationToken = default)
    {
        Validate(collection, id, cancellationToken);
        lock (_gate)
        {
            var current = Current(collection, id);
            if (current is null)
            {
                return new(false);
            }

            Write(collection, id, current, null);
            return new(true);
        }
    }

    /// <inheritdoc />
    public ValueTask DeleteAsync(string collection, string id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(expectedVersion);
        Validate(collection, id, cancellationToken);
        lock (_gate)
        {
            var current = Current(collection, id);
            if (current?.Version != expectedVersion)
            {
                throw new ConcurrencyException(collection, id, expectedVersion, current?.Version ?? 0);
            }

            Write(collection, id, current, null);
            return default;
        }
    }

    /// <inheritdoc />
    public ValueTask<T> GetAsync<T>(string collection, string id, CancellationToken cancellationToken = default)
    {
        Validate(collection, id, cancellationToken);
        var info = DocumentJson.TypeInfo<T>(_json);
        var entry = Read(collection, id) ?? throw new DocumentNotFoundException(collection, id);
        return new(DocumentJson.Read(entry.Json, info, collection, id));
    }

    /// <inheritdoc />
    public ValueTask<T?> FindAsync<T>(string collection, string id, CancellationToken cancellationToken = default)
    {
        Validate(collection, id, cancellationToken);
        var info = DocumentJson.TypeInfo<T>(_json);
        return new(Read(collection, id) is { } entry ? DocumentJson.Read(entry.Json, info, collection, id) : default);
    }

    /// <inheritdoc />
    public ValueTask<VersionedDocument<T>?> FindVersionedAsync<T>(string collection, string id, CancellationToken cancellationToken = default)
    {
        Validate(collection, id, cancellationToken);
        var info = DocumentJson.TypeInfo<T>(_json);
        return new(Read(collection, id) is { } entry ? new VersionedDocument<T>(DocumentJson.Read(entry.Json, info, collection, id), entry.Version) : null);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<T> AllAsync<T>(string collection, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        return Enumerate(collection, DocumentJson.TypeInfo<T>(_json), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<long> CountAsync(string collection, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return new(_collections.TryGetValue(collection, out var documents) ? documents.Count : 0);
        }
    }

    /// <inheritdoc />
    public ValueTask DropCollectionAsync(string collection, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_collections.Remove(collection, out var dropped))
            {
                UnitOfWork.Current?.OnRollback(() => Restore(collection, dropped));
            }
        }

        return default;
    }

    // Separate from AllAsync so that bad arguments and missing metadata fail at the call, not at the first MoveNextAsync.
    private async IAsyncEnumerable<T> Enumerate<T>(string collection, JsonTypeInfo<T> info, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        KeyValuePair<string, Entry>[] snapshot;
        lock (_gate)
        {
            snapshot = _collections.TryGetValue(collection, out var documents) ? documents.ToArray() : [];
        }

        foreach (var (id, entry) in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return DocumentJson.Read(entry.Json, info, collection, id);
        }
    }

    private byte[] Serialize<T>(string collection, string id, T document, CancellationToken cancellationToken)
    {
        Validate(collection, id, cancellationToken);
        if (document is null)
        {
            throw new ArgumentNullException(nameof(document), "A document cannot be null. Delete it with DeleteAsync instead.");
        }

        return JsonSerializer.SerializeToUtf8Bytes(document, DocumentJson.TypeInfo<T>(_json));
    }

    private Entry? Read(string collection, string id)
    {
        lock (_gate)
        {
            return Current(collection, id);
        }
    }

    // Callers hold _gate.
    private Entry? Current(string collection, string id) =>
        _collections.TryGetValue(collection, out var documents) && documents.TryGetValue(id, out var entry) ? entry : null;

    // Callers hold _gate. The undo puts the previous entry back only if nobody wrote the document since:
    // without isolation, another flow's later write must not be lost to this flow's rollback.
    private void Write(string collection, string id, Entry? previous, Entry? next)
    {
        Set(collection, id, next);
        UnitOfWork.Current?.OnRollback(() =>
        {
            lock (_gate)
            {
                if (ReferenceEquals(Current(collection, id), next))
                {
                    Set(collection, id, previous);
                }
            }
        });
    }

    private void Restore(string collection, SortedDictionary<string, Entry> dropped)
    {
        lock (_gate)
        {
            foreach (var (id, entry) in dropped)
            {
                if (Current(collection, id) is null)
                {
                    Set(collection, id, entry);
                }
            }
        }
    }

    // Callers hold _gate. Empty collections are removed, so a dropped or emptied one leaves nothing behind.
    private void Set(string collection, string id, Entry? entry)
    {
        if (entry is not null)
        {
            if (!_collections.TryGetValue(collection, out var documents))
            {
                documents = new SortedDictionary<string, Entry>(StringComparer.Ordinal);
                _collections.Add(collection, documents);
            }

            documents[id] = entry;
        }
        else if (_collections.TryGetValue(collection, out var documents) && documents.Remove(id) && documents.Count == 0)
        {
            _collections.Remove(collection);
        }
    }

    private static void Validate(string collection, string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(collection);
        ArgumentException.ThrowIfNullOrEmpty(id);
        cancellationToken.ThrowIfCancellationRequested();
    }

    // Compared by reference in undo actions: each write creates a new entry.
    private sealed class Entry(byte[] json, long version)
    {
        public byte[] Json { get; } = json;

        public long Version { get; } = version;
    }
}
