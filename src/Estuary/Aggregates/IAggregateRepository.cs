using System.Threading;
using System.Threading.Tasks;

namespace Estuary;

/// <summary>
/// Loads and saves the instances of one aggregate type. The generated module registers a
/// <see cref="DocumentStoreAggregateRepository{TAggregate}"/> unless the application registered its
/// own implementation first.
/// </summary>
public interface IAggregateRepository<TAggregate>
    where TAggregate : class
{
    /// <summary>The instance with <paramref name="id"/> and its version, or <see langword="null"/>.</summary>
    ValueTask<VersionedDocument<TAggregate>?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the instance if its stored version is still <paramref name="expectedVersion"/> (0: it must
    /// not exist yet), else throws <see cref="ConcurrencyException"/>; returns the new version.
    /// </summary>
    ValueTask<long> SaveAsync(string id, TAggregate aggregate, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the instance if its stored version is still <paramref name="expectedVersion"/>, else
    /// throws <see cref="ConcurrencyException"/>: a completed saga leaves the store this way.
    /// </summary>
    ValueTask DeleteAsync(string id, long expectedVersion, CancellationToken cancellationToken);
}
