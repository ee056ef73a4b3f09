using System;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Channels;

/// <summary>How a channel's delivery ends the transaction it carries.</summary>
public static class TransactionSessionEnding
{
    /// <summary>Commits (or rolls back) <paramref name="session"/>, then disposes it, whether or not that succeeded.</summary>
    public static async ValueTask EndAsync(this ITransactionSession session, bool commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        try
        {
            if (commit)
            {
                await session.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await session.RollbackAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (session is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
