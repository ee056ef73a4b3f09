using System.Threading;
using System.Threading.Tasks;

namespace Estuary;

/// <summary>
/// Storage a package needs (tables, indexes, functions), registered in DI by the package so that
/// operations tooling can print the SQL for review or apply it.
/// </summary>
public interface IEstuarySchema
{
    /// <summary>What the schema is for, e.g. <c>PostgreSQL (schema "estuary")</c>.</summary>
    string Name { get; }

    /// <summary>The statements that create the storage; running them again changes nothing.</summary>
    string Script();

    /// <summary>Creates the storage if it does not exist.</summary>
    Task ApplyAsync(CancellationToken cancellationToken);
}
