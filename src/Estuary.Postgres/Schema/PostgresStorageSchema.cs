using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Estuary.Postgres;

/// <summary>Estuary's PostgreSQL tables as operations tooling sees them: SQL to review, or to apply.</summary>
internal sealed class PostgresStorageSchema(PostgresSchema schema, NpgsqlDataSource dataSource) : IEstuarySchema
{
    public string Name => $"PostgreSQL (schema \"{schema.Name}\")";

    public string Script() => schema.Script();

    public Task ApplyAsync(CancellationToken cancellationToken) => schema.EnsureCreatedAsync(dataSource, cancellationToken);
}
