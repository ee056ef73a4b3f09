using System;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Postgres;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Estuary.EntityFrameworkCore;

/// <summary>
/// Puts a context into the PostgreSQL transaction of the unit of work on this flow (a message
/// received from a Postgres channel, <see cref="PostgresUnitOfWork"/>), so the aggregate's row commits
/// or rolls back with the handled message and the messages it sent (the outbox).
/// </summary>
/// <remarks>
/// Only a context on the session's database joins (same host, port and database name): one configured
/// for another database keeps its own connection, in autocommit, as outside any unit of work. Running
/// its SQL on the session's connection would write to the wrong database.
/// </remarks>
internal sealed class UnitOfWorkConnection
{
    private const string NpgsqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    // The last comparison, reused while the connection strings stay the same (they nearly always do:
    // one context type, one Estuary data source), so parsing them is not paid on every operation.
    private Match? _last;

    /// <summary>
    /// Joins <paramref name="context"/> to the current PostgreSQL session if there is one on its database;
    /// returns the connection string to give it back with <see cref="LeaveAsync"/>, or <see langword="null"/> when it did not join.
    /// </summary>
    public async ValueTask<string?> JoinAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (UnitOfWork.Current?.Session is not PostgresSession { IsCompleted: false } session
            || context.Database.ProviderName != NpgsqlProvider
            || context.Database.GetConnectionString() is not { } own
            || !SameDatabase(session.DataSource.ConnectionString, own))
        {
            return null;
        }

        // The context neither opens, closes nor disposes the session's connection, and its SaveChanges
        // runs under a savepoint of the session's transaction: a failed save (a duplicate key) is rolled
        // back to it without aborting the transaction the rest of the unit of work shares.
        context.Database.SetDbConnection(session.Connection, contextOwnsConnection: false);
        await context.Database.UseTransactionAsync(session.Transaction, cancellationToken).ConfigureAwait(false);
        return own;
    }

    /// <summary>
    /// Detaches a joined context from the session before it is disposed: a pooled context factory would
    /// otherwise hand the session's connection, long returned, to the next operation.
    /// </summary>
    public static async ValueTask LeaveAsync(DbContext context, string connectionString)
    {
        await context.Database.UseTransactionAsync(null).ConfigureAwait(false);
        context.Database.SetDbConnection(null, contextOwnsConnection: false);
        context.Database.SetConnectionString(connectionString);
    }

    private bool SameDatabase(string sessionConnectionString, string contextConnectionString)
    {
        if (_last is { } last && last.Session == sessionConnectionString && last.Context == contextConnectionString)
        {
            return last.Same;
        }

        var session = new NpgsqlConnectionStringBuilder(sessionConnectionString);
        var context = new NpgsqlConnectionStringBuilder(contextConnectionString);
        var same = string.Equals(session.Host, context.Host, StringComparison.OrdinalIgnoreCase)
            && session.Port == context.Port
            && string.Equals(session.Database ?? session.Username, context.Database ?? context.Username, StringComparison.Ordinal);
        _last = new Match(sessionConnectionString, contextConnectionString, same);
        return same;
    }

    private sealed record Match(string Session, string Context, bool Same);
}
