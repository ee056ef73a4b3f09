using System;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary;

/// <summary>
/// Stores an aggregate as a JSON document in the host's <see cref="IDocumentStore"/> (in memory by
/// default, PostgreSQL with <c>UsePostgres</c>, where it joins the handled message's transaction).
/// </summary>
public sealed class DocumentStoreAggregateRepository<TAggregate>(IDocumentStore store, string collection) : IAggregateRepository<TAggregate>
    where TAggregate : class
{
    private readonly IDocumentStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>The collection the aggregate's documents live in.</summary>
    public string Collection { get; } = collection;

    /// <inheritdoc />
    public ValueTask<VersionedDocument<TAggregate>?> FindAsync(string id, CancellationToken cancellationToken) =>
        _store.FindVersionedAsync<TAggregate>(Collection, id, cancellationToken);

    /// <inheritdoc />
    public ValueTask<long> SaveAsync(string id, TAggregate aggregate, long expectedVersion, CancellationToken cancellationToken) =>
        _store.SaveAsync(Collection, id, aggregate, expectedVersion, cancellationToken);

    /// <inheritdoc />
    public ValueTask DeleteAsync(string id, long expectedVersion, CancellationToken cancellationToken) =>
        _store.DeleteAsync(Collection, id, expectedVersion, cancellationToken);
}
