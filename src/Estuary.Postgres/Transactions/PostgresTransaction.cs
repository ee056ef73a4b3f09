using System;
using Npgsql;

namespace Estuary.Postgres;

/// <summary>
/// The PostgreSQL transaction of the message being handled, for handlers that write their effects in
/// it: take this service as a handler parameter and run commands through <see cref="CreateCommand"/>.
/// The effects then commit together with the removal of the message and the messages the handler
/// sends, or not at all. Registered by <c>UsePostgres</c>.
/// </summary>
public sealed class PostgresTransaction
{
    /// <summary>Whether the current message is handled in an open PostgreSQL transaction.</summary>
    public bool IsActive => Current is not null;

    /// <summary>The session of the message being handled.</summary>
    /// <exception cref="InvalidOperationException">The handler is not running in a PostgreSQL unit of work.</exception>
    public PostgresSession Session => Current ?? throw new InvalidOperationException(
        "No PostgreSQL transaction is active. PostgresTransaction.Session is available while a handler runs for a message received from a Postgres channel (AddPostgresChannel), or inside PostgresUnitOfWork.RunAsync: "
        + "make the endpoint [Asynchronous] on a Postgres channel, or open a connection from the NpgsqlDataSource yourself.");

    /// <summary>Creates a command in the current message's transaction (see <see cref="PostgresSession.CreateCommand"/>).</summary>
    /// <exception cref="InvalidOperationException">The handler is not running in a PostgreSQL unit of work.</exception>
    public NpgsqlCommand CreateCommand(string sql) => Session.CreateCommand(sql);

    private static PostgresSession? Current => UnitOfWork.Current?.Session is PostgresSession { IsCompleted: false } session ? session : null;
}
