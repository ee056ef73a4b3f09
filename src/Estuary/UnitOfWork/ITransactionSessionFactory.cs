using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Channels;

/// <summary>
/// Opens transactions on the host's database, for work Estuary does outside a delivery that must
/// commit as one (a dead letter replayed into a channel of the same database leaves the dead letter in
/// the transaction that enqueues it). Registered by database packages (<c>UsePostgres</c>); without
/// one, such work runs step by step in the order that never loses a message.
/// </summary>
public interface ITransactionSessionFactory
{
    /// <summary>Begins a transaction; the caller commits or rolls it back, and disposes it if it is <see cref="System.IAsyncDisposable"/>.</summary>
    ValueTask<ITransactionSession> BeginAsync(CancellationToken cancellationToken);
}
