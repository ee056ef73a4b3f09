using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Estuary.Postgres;

/// <summary>
/// Where a command runs: in a session's transaction when there is one (the handler's unit of work),
/// else on a connection of its own, in autocommit, returned to the pool on dispose.
/// </summary>
internal readonly struct ConnectionLease : IAsyncDisposable
{
    private readonly bool _owned;

    private ConnectionLease(NpgsqlConnection connection, NpgsqlTransaction? transaction, bool owned)
    {
        Connection = connection;
        Transaction = transaction;
        _owned = owned;
    }

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction? Transaction { get; }

    public static async ValueTask<ConnectionLease> OpenAsync(NpgsqlDataSource dataSource, PostgresSession? session, CancellationToken cancellationToken)
    {
        if (session is not null)
        {
            return new ConnectionLease(session.Connection, session.Transaction, owned: false);
        }

        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return new ConnectionLease(connection, transaction: null, owned: true);
    }

    public NpgsqlCommand CreateCommand(string sql) => new(sql, Connection, Transaction);

    public NpgsqlBatch CreateBatch() => new(Connection, Transaction);

    public ValueTask DisposeAsync() => _owned ? Connection.DisposeAsync() : default;
}
