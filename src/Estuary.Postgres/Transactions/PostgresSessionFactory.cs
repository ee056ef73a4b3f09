using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Npgsql;

namespace Estuary.Postgres;

/// <summary>Transactions on the host's database for Estuary's own work outside deliveries (registered by <c>UsePostgres</c>).</summary>
internal sealed class PostgresSessionFactory(NpgsqlDataSource dataSource) : ITransactionSessionFactory
{
    public async ValueTask<ITransactionSession> BeginAsync(CancellationToken cancellationToken) =>
        await PostgresSession.BeginAsync(dataSource, cancellationToken).ConfigureAwait(false);
}
