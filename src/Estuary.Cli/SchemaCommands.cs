using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.Cli;

/// <summary><c>estuary schema print|apply</c>: the storage that packages (Estuary.Postgres...) need, for review or creation.</summary>
internal static class SchemaCommands
{
    private const string NoStorage =
        "No package registered storage: this application keeps its channels, dead letter and deduplication marks in memory. " +
        "Packages with storage register it, e.g. estuary.UsePostgres(connectionString).";

    public static Command Create(IServiceProvider services)
    {
        var print = new Command("print", "Print the SQL of every registered storage schema, for review or for your migrations.");
        print.SetEstuaryAction((_, output, _) => Task.FromResult(Print(Schemas(services), output)));

        var apply = new Command("apply", "Create every registered storage schema that does not exist yet (running it again changes nothing).");
        apply.SetEstuaryAction((_, output, cancellationToken) => ApplyAsync(Schemas(services), output, cancellationToken));

        return new Command("schema", "Print or apply the storage (tables, indexes) that Estuary packages need.") { print, apply };
    }

    private static IReadOnlyList<IEstuarySchema> Schemas(IServiceProvider services) => services.GetServices<IEstuarySchema>().ToArray();

    private static int Print(IReadOnlyList<IEstuarySchema> schemas, TextWriter output)
    {
        if (schemas.Count == 0)
        {
            output.WriteLine(NoStorage);
            return ExitCodes.Success;
        }

        foreach (var schema in schemas)
        {
            // A SQL comment, so the whole output can be saved and run as one script.
            output.WriteLine($"-- {schema.Name}");
            output.WriteLine(schema.Script().TrimEnd());
            output.WriteLine();
        }

        return ExitCodes.Success;
    }

    private static async Task<int> ApplyAsync(IReadOnlyList<IEstuarySchema> schemas, TextWriter output, CancellationToken cancellationToken)
    {
        if (schemas.Count == 0)
        {
            output.WriteLine(NoStorage);
            return ExitCodes.Success;
        }

        foreach (var schema in schemas)
        {
            output.WriteLine($"Applying {schema.Name}...");
            await schema.ApplyAsync(cancellationToken).ConfigureAwait(false);
            output.WriteLine($"Applied {schema.Name}.");
        }

        return ExitCodes.Success;
    }
}
