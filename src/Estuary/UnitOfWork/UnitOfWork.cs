using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Estuary.Runtime;

namespace Estuary;

/// <summary>
/// Everything one handled message does, committed or undone together: the transaction of its
/// delivery (if the channel has one), the messages its handlers send to asynchronous endpoints,
/// and deduplication marks. Messages sent during a unit of work are held back and written when it
/// succeeds: into the same transaction for a channel that can join it, into the outbox in that
/// transaction for the others (forwarded once it committed), and, without a transaction or an outbox,
/// sent after it. A handler that throws therefore sends nothing.
/// </summary>
public sealed class UnitOfWork
{
    private readonly IOutbox? _outbox;
    private HeldMessages? _outgoing;
    private ActionList _undo;
    private ActionList _committed;
    private List<ITransactionSession>? _enlisted;
    private bool _attemptBegun;

    internal UnitOfWork(ITransactionSession? session, IOutbox? outbox)
    {
        Session = session;
        _outbox = outbox;
    }

    /// <summary>
    /// Starts a unit of work for the rest of the calling method (dispose the returned scope to end
    /// it): what is sent through Estuary meanwhile joins <paramref name="session"/> (or, without one,
    /// is held until <see cref="UnitOfWorkScope.CommitAsync"/>). This is how a bus call from outside
    /// any handler opts into a transaction; database packages offer shortcuts that open the session.
    /// </summary>
    public static UnitOfWorkScope Begin(EstuaryRuntime runtime, ITransactionSession? session)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return new UnitOfWorkScope(runtime, new UnitOfWork(session, runtime.Outbox));
    }

    /// <summary>The unit of work of the message being handled on this flow, if any.</summary>
    public static UnitOfWork? Current => MessageContext.Current?.UnitOfWork;

    /// <summary>The transaction the unit of work runs in, or <see langword="null"/> when it has none.</summary>
    public ITransactionSession? Session { get; }

    /// <summary>Registers an action that undoes in-memory state if the current attempt fails (the database undoes its own).</summary>
    public void OnRollback(Action undo)
    {
        ArgumentNullException.ThrowIfNull(undo);
        _undo.Add(undo);
    }

    /// <summary>
    /// Runs <paramref name="committed"/> once the unit of work committed (dropped if the attempt fails):
    /// for what must happen only after the work is durable, e.g. waking readers of what it wrote.
    /// </summary>
    public void OnCommitted(Action committed)
    {
        ArgumentNullException.ThrowIfNull(committed);
        _committed.Add(committed);
    }

    /// <summary>
    /// Makes a transaction of another resource part of the current attempt, for a store that cannot
    /// write in <see cref="Session"/> (none, or another database): it is rolled back if the attempt fails,
    /// and committed once the attempt's own work is durable (the delivery settles it; see
    /// <see cref="CommitEnlistedAsync"/>). The unit of work disposes it.
    /// </summary>
    public void Enlist(ITransactionSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        (_enlisted ??= []).Add(session);
    }

    /// <summary>Commits the enlisted transactions of a successful attempt.</summary>
    internal async ValueTask CommitEnlistedAsync(CancellationToken cancellationToken)
    {
        if (_enlisted is not { Count: > 0 } enlisted)
        {
            return;
        }

        try
        {
            foreach (var session in enlisted)
            {
                await session.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await EndEnlistedAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Rolls back the enlisted transactions still open (none after a commit) and disposes them all.</summary>
    internal async ValueTask EndEnlistedAsync()
    {
        if (_enlisted is not { Count: > 0 } enlisted)
        {
            return;
        }

        var sessions = enlisted.ToArray();
        enlisted.Clear();
        foreach (var session in sessions)
        {
            try
            {
                await session.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception) when (session is IAsyncDisposable)
            {
                // The rollback could not reach its database, so the connection is lost and the server
                // rolls its transaction back itself. Every other session still has to end.
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

    internal void Enqueue(IMessageChannel channel, ChannelMessage message) => (_outgoing ??= new HeldMessages()).Add(channel, message);

    /// <summary>How many messages are held and undo actions registered so far: where a retried step starts.</summary>
    internal (int Outgoing, int Undo) Mark() => (_outgoing?.Count ?? 0, _undo.Count);

    /// <summary>Withdraws the messages held and undoes the in-memory changes registered since <paramref name="mark"/>.</summary>
    internal void RewindTo((int Outgoing, int Undo) mark)
    {
        _outgoing?.RewindTo(mark.Outgoing);
        _undo.UndoAfter(mark.Undo);
    }

    internal async ValueTask BeginAttemptAsync(CancellationToken cancellationToken)
    {
        _outgoing?.Clear();
        _undo.Clear();
        _committed.Clear();
        if (Session is not null)
        {
            await Session.BeginAttemptAsync(cancellationToken).ConfigureAwait(false);
        }

        _attemptBegun = true;
    }

    /// <summary>
    /// Withdraws the attempt's held messages, undoes its in-memory changes (newest first) and rolls back
    /// its enlisted transactions; the session is left to its owner.
    /// </summary>
    internal async ValueTask AbandonAttemptAsync()
    {
        AbandonInMemory();
        await EndEnlistedAsync().ConfigureAwait(false);
    }

    private void AbandonInMemory()
    {
        _outgoing?.Clear();
        _committed.Clear();
        _undo.UndoAfter(0);
    }

    internal async ValueTask RollbackAttemptAsync(CancellationToken cancellationToken)
    {
        await AbandonAttemptAsync().ConfigureAwait(false);

        // A unit of work opened around bus calls (UnitOfWork.Begin) has no attempt: the whole
        // session is rolled back by its scope instead.
        if (Session is not null && _attemptBegun)
        {
            await Session.RollbackAttemptAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the held messages into the session before it commits: for channels that join it, and the others into the outbox.</summary>
    internal ValueTask FlushInTransactionAsync(CancellationToken cancellationToken) =>
        Session is null || _outgoing is null ? default : _outgoing.FlushInTransactionAsync(Session, _outbox, cancellationToken);

    /// <summary>Forwards what the outbox holds for this unit of work and sends the rest, once the session committed (or the work succeeded, without one).</summary>
    /// <exception cref="MessagesNotSentException">Messages without an outbox could not be sent.</exception>
    internal ValueTask FlushAfterCommitAsync(CancellationToken cancellationToken)
    {
        _committed.RunAll();
        return _outgoing is null ? default : _outgoing.FlushAfterCommitAsync(_outbox, cancellationToken);
    }
}
