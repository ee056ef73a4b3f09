using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary;

/// <summary>
/// Documents stored as JSON, by collection and id: read models, state-stored aggregates, sagas, any
/// object without a table of its own. Every write gives the document a new version (1 when added),
/// which <see cref="SaveAsync"/> compares for optimistic locking. Inside a unit of work (a handled
/// message, <c>UnitOfWork.Begin</c>) writes commit or roll back with it.
/// <code>
/// await documents.AddAsync("customers", customer.Id, customer);
/// var customer = await documents.GetAsync&lt;Customer&gt;("customers", id);
/// </code>
/// </summary>
/// <remarks>
/// Documents are serialized with System.Text.Json metadata only (no reflection): each document type
/// needs a <c>[JsonSerializable]</c> entry in a <c>JsonSerializerContext</c> of a composed module.
/// What is read back is always a new copy. Collections and ids are case-sensitive, non-empty strings.
/// </remarks>
public interface IDocumentStore
{
    /// <summary>Adds a document under a new id, at version 1.</summary>
    /// <exception cref="DocumentAlreadyExistsException">The collection already has a document with this id.</exception>
    ValueTask AddAsync<T>(string collection, string id, T document, CancellationToken cancellationToken = default);

    /// <summary>Replaces an existing document, incrementing its version.</summary>
    /// <exception cref="DocumentNotFoundException">The collection has no document with this id.</exception>
    ValueTask UpdateAsync<T>(string collection, string id, T document, CancellationToken cancellationToken = default);

    /// <summary>Adds the document (at version 1) or replaces it (incrementing its version).</summary>
    ValueTask UpsertAsync<T>(string collection, string id, T document, CancellationToken cancellationToken = default);

    /// <summary>Deletes a document; returns whether it existed. Adding it again starts over at version 1.</summary>
    ValueTask<bool> DeleteAsync(string collection, string id, CancellationToken cancellationToken = default);

    /// <summary>Reads a document that must exist.</summary>
    /// <exception cref="DocumentNotFoundException">The collection has no document with this id.</exception>
    ValueTask<T> GetAsync<T>(string collection, string id, CancellationToken cancellationToken = default);

    /// <summary>Reads a document, or returns <see langword="default"/> (<see langword="null"/> for reference types) when there is none.</summary>
    ValueTask<T?> FindAsync<T>(string collection, string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads every document of a collection in ordinal order of their ids (<c>"10"</c> before <c>"9"</c>,
    /// <c>"B"</c> before <c>"a"</c>), as they were when the enumeration started.
    /// </summary>
    IAsyncEnumerable<T> AllAsync<T>(string collection, CancellationToken cancellationToken = default);

    /// <summary>The number of documents in a collection (0 for a collection never written).</summary>
    ValueTask<long> CountAsync(string collection, CancellationToken cancellationToken = default);

    /// <summary>Deletes every document of a collection.</summary>
    ValueTask DropCollectionAsync(string collection, CancellationToken cancellationToken = default);

    /// <summary>Reads a document with its version, or returns <see langword="null"/> when there is none; save it back with <see cref="SaveAsync"/>.</summary>
    ValueTask<VersionedDocument<T>?> FindVersionedAsync<T>(string collection, string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a document if it is still at <paramref name="expectedVersion"/> (0: it must not exist yet)
    /// and returns its new version. Of two writers saving with the same expected version, exactly one wins.
    /// </summary>
    /// <exception cref="ConcurrencyException">The document is at another version (or exists, or does not): read it again and retry.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="expectedVersion"/> is negative.</exception>
    ValueTask<long> SaveAsync<T>(string collection, string id, T document, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a document if it is still at <paramref name="expectedVersion"/>: removing a saga or an
    /// aggregate that nobody changed since it was read. Adding it again starts over at version 1.
    /// </summary>
    /// <exception cref="ConcurrencyException">The document is at another version, or does not exist.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="expectedVersion"/> is not positive.</exception>
    ValueTask DeleteAsync(string collection, string id, long expectedVersion, CancellationToken cancellationToken = default);
}
