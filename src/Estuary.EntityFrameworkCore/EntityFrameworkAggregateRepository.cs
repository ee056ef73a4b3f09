using System;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Estuary.EntityFrameworkCore;

/// <summary>
/// Stores an aggregate as an ordinary EF Core entity of <typeparamref name="TContext"/>, with optimistic
/// locking on the <c>long</c> version that <see cref="AggregateVersionExtensions.HasAggregateVersion{TAggregate}"/>
/// maps. Every operation uses a context of its own from the <see cref="IDbContextFactory{TContext}"/>:
/// loading and saving are separate calls of generated endpoints, so a save attaches the loaded
/// instance and updates its row where the version is still the one it was loaded at.
/// </summary>
/// <remarks>
/// Inside a unit of work with a PostgreSQL transaction on the context's database (a message received
/// from a Postgres channel, <c>PostgresUnitOfWork.RunAsync</c>), the context runs in that transaction:
/// the row commits or rolls back with the handled message and the messages it sent. Otherwise each
/// operation commits on its own. EF Core builds its model and queries at run time, so this repository
/// is not for NativeAOT applications; they keep <see cref="DocumentStoreAggregateRepository{TAggregate}"/>.
/// </remarks>
/// <typeparam name="TContext">The context whose model maps <typeparamref name="TAggregate"/>.</typeparam>
/// <typeparam name="TAggregate">The aggregate, an entity type of the context's model.</typeparam>
[RequiresDynamicCode(EntityFrameworkAot.Reason)]
[RequiresUnreferencedCode(EntityFrameworkAot.Reason)]
public sealed class EntityFrameworkAggregateRepository<TContext, TAggregate> : IAggregateRepository<TAggregate>
    where TContext : DbContext
    where TAggregate : class
{
    private readonly IDbContextFactory<TContext> _contexts;
    private readonly UnitOfWorkConnection _unitOfWork = new();
    private AggregateEntity? _entity;

    /// <summary>Creates the repository over contexts created by <paramref name="contexts"/>.</summary>
    public EntityFrameworkAggregateRepository(IDbContextFactory<TContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _contexts = contexts;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The model does not map the aggregate with a version (<c>HasAggregateVersion</c>).</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> cannot be read as the entity's key.</exception>
    public async ValueTask<VersionedDocument<TAggregate>?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            var context = lease.Context;
            var entity = Entity(context);
            var key = entity.Key(id);
            var found = await context.FindAsync<TAggregate>(key, cancellationToken).ConfigureAwait(false);
            return found is null ? null : new VersionedDocument<TAggregate>(found, Version(context.Entry(found)).CurrentValue);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ConcurrencyException">The row is at another version (or exists, for <paramref name="expectedVersion"/> 0).</exception>
    /// <exception cref="InvalidOperationException">The model does not map the aggregate with a version, or the aggregate's key is not <paramref name="id"/>.</exception>
    public async ValueTask<long> SaveAsync(string id, TAggregate aggregate, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            var context = lease.Context;
            var entity = Entity(context);
            var key = entity.Key(id);

            // Update marks every property modified: a fresh context cannot know which ones the handler
            // changed, so the whole row is written, guarded by the version it was loaded at.
            var entry = expectedVersion == 0 ? context.Add(aggregate) : context.Update(aggregate);
            entity.CheckKey(entry, key, id);

            // Current value first: changing it can make EF Core take the original-values snapshot,
            // overwriting an original value set before, and the original is what the UPDATE compares.
            var version = Version(entry);
            version.CurrentValue = expectedVersion + 1;
            version.OriginalValue = expectedVersion;
            try
            {
                await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return expectedVersion + 1;
            }
            catch (DbUpdateConcurrencyException)
            {
                throw await ConflictAsync(context, entity, id, key, expectedVersion, cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException) when (expectedVersion == 0)
            {
                // An insert that failed because the row exists (a duplicate key) is a conflict, whatever
                // the provider's error looks like; any other failure is the provider's to report.
                var actual = await StoredVersionAsync(context, key, cancellationToken).ConfigureAwait(false);
                if (actual == 0)
                {
                    throw;
                }

                throw new ConcurrencyException(entity.Name, id, expectedVersion, actual);
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="ConcurrencyException">The row is at another version, or does not exist.</exception>
    public async ValueTask DeleteAsync(string id, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(expectedVersion);
        var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            var context = lease.Context;
            var entity = Entity(context);
            var key = entity.Key(id);
            var found = await context.FindAsync<TAggregate>(key, cancellationToken).ConfigureAwait(false);
            var actual = found is null ? 0 : Version(context.Entry(found)).CurrentValue;
            if (found is null || actual != expectedVersion)
            {
                throw new ConcurrencyException(entity.Name, id, expectedVersion, actual);
            }

            // The row was read at the expected version; the DELETE still checks it, for a writer in between.
            context.Remove(found);
            try
            {
                await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw await ConflictAsync(context, entity, id, key, expectedVersion, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask<ContextLease> OpenAsync(CancellationToken cancellationToken)
    {
        var context = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return new ContextLease(context, await _unitOfWork.JoinAsync(context, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            await context.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // Read on first use rather than at construction: the repository is a singleton the container may
    // build before the application can create a context. A race only reads the model twice.
    private AggregateEntity Entity(TContext context) => _entity ??= AggregateEntity.Read<TAggregate>(context);

    private static PropertyEntry<TAggregate, long> Version(EntityEntry<TAggregate> entry) =>
        entry.Property<long>(AggregateVersionExtensions.VersionProperty);

    private static async ValueTask<ConcurrencyException> ConflictAsync(
        TContext context, AggregateEntity entity, string id, object[] key, long expectedVersion, CancellationToken cancellationToken)
    {
        var actual = await StoredVersionAsync(context, key, cancellationToken).ConfigureAwait(false);
        return new ConcurrencyException(entity.Name, id, expectedVersion, actual);
    }

    /// <summary>The version stored now (0: no row), only to name it in the error of a save that already failed.</summary>
    private static async ValueTask<long> StoredVersionAsync(TContext context, object[] key, CancellationToken cancellationToken)
    {
        // Find answers from the change tracker first, which still holds the instance that failed to save.
        context.ChangeTracker.Clear();
        var stored = await context.FindAsync<TAggregate>(key, cancellationToken).ConfigureAwait(false);
        return stored is null ? 0 : Version(context.Entry(stored)).CurrentValue;
    }

    /// <summary>A context for one operation, given back by the unit of work's session (if it joined one) before it is disposed.</summary>
    private sealed class ContextLease(TContext context, string? joinedFrom) : IAsyncDisposable
    {
        public TContext Context { get; } = context;

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (joinedFrom is not null)
                {
                    await UnitOfWorkConnection.LeaveAsync(Context, joinedFrom).ConfigureAwait(false);
                }
            }
            finally
            {
                await Context.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
