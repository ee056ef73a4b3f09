using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Postgres;

/// <summary>Estuary's PostgreSQL tables as operations tooling sees them: SQL to review, or to apply.</summary>
internal sealed class PostgresStorageSchema(PostgresDatabase database) : IEstuarySchema
{
    public string Name => $"PostgreSQL (schema \"{database.Schema.Name}\")";

    public string Script() => database.Schema.Script();

    // Applied even when AutoCreateSchema is off: applying is what the operator asked for.
    public Task ApplyAsync(CancellationToken cancellationToken) => database.Schema.EnsureCreatedAsync(database.DataSource, cancellationToken);
}
