using System;

namespace Estuary;

/// <summary>
/// Retries an aggregate's or saga's handler when its save loses to a concurrent change
/// (<see cref="ConcurrencyException"/>): the instance is loaded again at its new version and the
/// handler runs again, up to <paramref name="retries"/> more times. On a handler method, or on the
/// class for all its handlers.
/// </summary>
/// <remarks>
/// A retried handler runs again, so what it does directly (a call to another system) happens again;
/// messages it sent during the failed attempt are withdrawn, and recorded events are published only
/// after a successful save. Inside a database transaction (a message received from a PostgreSQL
/// channel, <c>PostgresUnitOfWork</c>) a conflict is not retried in place: the handler's other writes
/// share the transaction, so the whole delivery is rolled back and retried by the channel's retry
/// policy instead.
/// </remarks>
/// <param name="retries">How many times to retry after the first conflict (at least 1).</param>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ConcurrencyRetryAttribute(int retries) : Attribute
{
    /// <summary>How many times to retry after the first conflict.</summary>
    public int Retries { get; } = retries;
}
