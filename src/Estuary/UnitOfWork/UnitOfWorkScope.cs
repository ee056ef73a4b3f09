using System;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Runtime;

namespace Estuary;

/// <summary>
/// A unit of work started by <see cref="UnitOfWork.Begin"/>. While it is open, the calling flow
/// runs as if handling a message: handlers called through the buses share its transaction, and
/// messages for asynchronous endpoints are held. <see cref="CommitAsync"/> writes the held messages
/// that join the transaction, commits it, then sends the rest; disposing without committing rolls
/// everything back and sends nothing. The scope owns the session: it is disposed when the scope ends.
/// </summary>
/// <remarks>
/// Create and dispose the scope in the same method (<c>await using var scope = ...</c>): it is made
/// current the way an <see cref="AsyncLocal{T}"/> value is, for the rest of that method and what it calls.
/// </remarks>
public sealed class UnitOfWorkScope : IAsyncDisposable
{
    private readonly MessageContext? _previous;

    // The scope's own context: the service scope it opens on first use ends with the unit of work.
    private readonly MessageContext _context;
    private bool _ended;
    private bool _released;

    internal UnitOfWorkScope(EstuaryRuntime runtime, UnitOfWork unitOfWork)
    {
        UnitOfWork = unitOfWork;
        _previous = MessageContext.Current;
        _context = MessageContext.CreateForScope(runtime, unitOfWork);
        MessageContext.EnterAsync(_context);
    }

    /// <summary>The unit of work.</summary>
    public UnitOfWork UnitOfWork { get; }

    /// <summary>Writes what joins the transaction, commits it, then sends the other held messages.</summary>
    public ValueTask CommitAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_ended, this);
        _ended = true;
        try
        {
            return CommitCoreAsync(cancellationToken);
        }
        finally
        {
            // Not in the async method: what an async method sets on an AsyncLocal is discarded when it
            // returns, so the caller's flow would keep seeing this ended scope as current.
            MessageContext.EnterAsync(_previous);
        }
    }

    /// <summary>Rolls back unless <see cref="CommitAsync"/> ran, and ends the scope.</summary>
    public ValueTask DisposeAsync()
    {
        if (_ended)
        {
            return default;
        }

        _ended = true;
        MessageContext.EnterAsync(_previous);
        return RollbackCoreAsync();
    }

    private async ValueTask CommitCoreAsync(CancellationToken cancellationToken)
    {
        try
        {
            try
            {
                await UnitOfWork.FlushInTransactionAsync(cancellationToken).ConfigureAwait(false);
                if (UnitOfWork.Session is { } session)
                {
                    await session.CommitAsync(cancellationToken).ConfigureAwait(false);
                }

                await UnitOfWork.CommitEnlistedAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // Nothing committed: undo what the work changed in memory and end what it enlisted.
                await UnitOfWork.AbandonAttemptAsync().ConfigureAwait(false);
                throw;
            }

            await ReleaseSessionAsync().ConfigureAwait(false);
            await UnitOfWork.FlushAfterCommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await ReleaseSessionAsync().ConfigureAwait(false);
            await _context.CompleteAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask RollbackCoreAsync()
    {
        try
        {
            await UnitOfWork.RollbackAttemptAsync(CancellationToken.None).ConfigureAwait(false);
            if (UnitOfWork.Session is { } session)
            {
                await session.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            // Whatever failed above, the connection goes back and the scoped services are disposed.
            await ReleaseSessionAsync().ConfigureAwait(false);
            await _context.CompleteAsync().ConfigureAwait(false);
        }
    }

    // The scope owns its session: a session that holds a connection gives it back here, once.
    private async ValueTask ReleaseSessionAsync()
    {
        if (UnitOfWork.Session is IAsyncDisposable disposable && !_released)
        {
            _released = true;
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
    }
}
