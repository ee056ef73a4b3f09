using System;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Npgsql;

namespace Estuary.Postgres;

/// <summary>
/// An open PostgreSQL transaction that Estuary's work joins: the delivery of a message received from
/// a Postgres channel holds one, so the handler's writes, the messages it sends to Postgres channels,
/// dead-letter and deduplication rows, and the removal of the received message commit together.
/// Handlers reach it through <see cref="PostgresTransaction"/>; application code can start its own with
/// <see cref="BeginAsync"/> to send messages in its own transaction (a transactional outbox).
/// </summary>
public sealed class PostgresSession : ITransactionSession, IAsyncDisposable
{
    // One savepoint name: attempts do not nest, each replaces the previous one.
    internal const string AttemptSavepoint = "estuary_attempt";

    private bool _attemptStarted;

    // Set when whoever opened the session already placed the first attempt's savepoint (a receive
    // sends it with its claim), so the first BeginAttemptAsync costs no round trip.
    private bool _firstAttemptReady;

    // The deduplication mark recorded with the claim, until the store takes it or a rollback undoes it.
    private ClaimMark? _claimMark;
    private bool _completed;
    private bool _disposed;

    internal PostgresSession(NpgsqlDataSource dataSource, NpgsqlConnection connection, NpgsqlTransaction transaction, bool firstAttemptReady = false)
    {
        DataSource = dataSource;
        Connection = connection;
        Transaction = transaction;
        _firstAttemptReady = firstAttemptReady;
    }

    /// <summary>The data source the connection came from; channels and stores of the same data source join this session.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>The session's open connection. Use it only for commands in <see cref="Transaction"/>, and do not close it.</summary>
    public NpgsqlConnection Connection { get; }

    /// <summary>The session's transaction. It is committed or rolled back by whoever owns the session (the delivery, or the caller of <see cref="BeginAsync"/>).</summary>
    public NpgsqlTransaction Transaction { get; }

    /// <summary>Whether the transaction was committed or rolled back: nothing can join it any more.</summary>
    public bool IsCompleted => _completed;

    /// <summary>Opens a connection from <paramref name="dataSource"/> and begins a transaction; commit it with <see cref="CommitAsync"/>, and dispose the session.</summary>
    public static async ValueTask<PostgresSession> BeginAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            return new PostgresSession(dataSource, connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Creates a command that runs on <see cref="Connection"/> in <see cref="Transaction"/>.</summary>
    public NpgsqlCommand CreateCommand(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ThrowIfCompleted();
        return new NpgsqlCommand(sql, Connection, Transaction);
    }

    /// <summary>Sets the savepoint that <see cref="RollbackAttemptAsync"/> returns to.</summary>
    public async ValueTask BeginAttemptAsync(CancellationToken cancellationToken)
    {
        ThrowIfCompleted();
        if (_firstAttemptReady)
        {
            _firstAttemptReady = false;
            _attemptStarted = true;
            return;
        }

        // Same-named savepoints stack; releasing the previous attempt's keeps one, however many attempts run.
        var sql = _attemptStarted
            ? $"RELEASE SAVEPOINT {AttemptSavepoint}; SAVEPOINT {AttemptSavepoint}"
            : $"SAVEPOINT {AttemptSavepoint}";
        await using var command = new NpgsqlCommand(sql, Connection, Transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        _attemptStarted = true;
    }

    /// <summary>
    /// Undoes everything since <see cref="BeginAttemptAsync"/>, including a failed statement that left
    /// the transaction aborted. The received message stays claimed: its removal came before the savepoint.
    /// </summary>
    public async ValueTask RollbackAttemptAsync(CancellationToken cancellationToken)
    {
        ThrowIfCompleted();
        if (!_attemptStarted)
        {
            throw new InvalidOperationException("No attempt to roll back: call BeginAttemptAsync before RollbackAttemptAsync.");
        }

        await using var command = new NpgsqlCommand($"ROLLBACK TO SAVEPOINT {AttemptSavepoint}", Connection, Transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

        // The claim's mark came after the first savepoint: whether taken or not, it is gone now.
        _claimMark = null;
    }

    /// <summary>Commits the transaction.</summary>
    public async ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        ThrowIfCompleted();
        _completed = true;
        await Transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rolls the transaction back (nothing happens if it already completed).</summary>
    public async ValueTask RollbackAsync(CancellationToken cancellationToken)
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        await Transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rolls back the transaction unless it completed, and returns the connection to the pool.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _completed = true;
        try
        {
            // Npgsql rolls back an uncompleted transaction here.
            await Transaction.DisposeAsync().ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The rollback could not reach the server, so the connection is lost, and the server rolls
            // back a lost connection's transaction itself. Disposal runs in finally blocks: throwing here
            // would hide the error that ended the delivery.
        }
        finally
        {
            await Connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Keeps the deduplication mark the claim recorded in this transaction, after the first attempt's savepoint.</summary>
    internal void HoldClaimMark(ClaimMark mark) => _claimMark = mark;

    /// <summary>
    /// Takes the claim's mark if it is the one asked for: whether it was new (<see langword="false"/>: a
    /// duplicate); <see langword="null"/> when the claim recorded no such mark, or a rollback undid it.
    /// </summary>
    internal bool? TakeClaimMark(string table, string endpointId, string key)
    {
        if (_claimMark is not { } mark || mark.Table != table || mark.EndpointId != endpointId || mark.Key != key)
        {
            return null;
        }

        _claimMark = null;
        return mark.Recorded;
    }

    /// <summary>The mark the claim recorded and nobody took, still in the transaction; the caller removes it.</summary>
    internal ClaimMark? TakeUnusedClaimMark()
    {
        var mark = _claimMark;
        _claimMark = null;
        return mark is { Recorded: true } ? mark : null;
    }

    /// <summary>The session of the message being handled, if it is a Postgres session of <paramref name="dataSource"/> that is still open.</summary>
    internal static PostgresSession? Ambient(NpgsqlDataSource dataSource) =>
        UnitOfWork.Current?.Session is PostgresSession { IsCompleted: false } session && session.DataSource == dataSource ? session : null;

    /// <summary>Whether <paramref name="session"/> is an open Postgres session of <paramref name="dataSource"/>.</summary>
    internal static bool Joins(ITransactionSession session, NpgsqlDataSource dataSource) =>
        session is PostgresSession { IsCompleted: false } postgres && postgres.DataSource == dataSource;

    private void ThrowIfCompleted()
    {
        if (_completed)
        {
            throw new InvalidOperationException("The PostgreSQL session already committed or rolled back; nothing can run in it any more.");
        }
    }
}
