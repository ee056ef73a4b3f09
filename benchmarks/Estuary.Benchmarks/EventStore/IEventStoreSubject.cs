using System;
using System.Threading.Tasks;

namespace Estuary.Benchmarks.EventStore;

/// <summary>
/// One way of appending events, set up on the benchmark database: Estuary's store, Estuary's typed
/// repository, Marten in Quick or Rich append mode. Every call is one append in a transaction of its
/// own (autocommit for Estuary outside a unit of work, one session and <c>SaveChangesAsync</c> for
/// Marten), carrying one <see cref="ItemAdded"/> serialized by the library (or, for the raw Estuary
/// store, by the caller, as an application must).
/// </summary>
public interface IEventStoreSubject : IAsyncDisposable
{
    /// <summary>The row name in the results.</summary>
    string Name { get; }

    /// <summary>Starts cart <paramref name="cartId"/>'s stream with one event (expecting no stream).</summary>
    Task AppendToNewStreamAsync(Guid cartId, long line);

    /// <summary>Appends one event to cart <paramref name="cartId"/>'s stream, which must be at <paramref name="version"/>.</summary>
    Task AppendExpectingAsync(Guid cartId, long version, long line);

    /// <summary>The number of events in cart <paramref name="cartId"/>'s stream, read from the database.</summary>
    Task<long> VersionAsync(Guid cartId);

    /// <summary>Removes every stream and event of this subject's store.</summary>
    Task ResetAsync();
}
