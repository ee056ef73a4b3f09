using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Estuary.Runtime;

namespace Estuary.Cli;

/// <summary><c>estuary endpoints</c>: every handler the host composed and where its messages come from.</summary>
internal static class EndpointsCommand
{
    public static Command Create(IServiceProvider services)
    {
        var command = new Command("endpoints", "List every endpoint: kind, name, endpoint id, channel (or inline) and routing key.");
        command.SetEstuaryAction((_, output, _) => Task.FromResult(Write(services.Require<EstuaryRuntime>(), output)));
        return command;
    }

    private static int Write(EstuaryRuntime runtime, TextWriter output)
    {
        // The modules' endpoints, and the distributed bus's inbox when the host is a service of a map.
        var endpoints = runtime.Endpoints.Concat(runtime.AsynchronousEndpoints.Where(static e => e.Kind == EndpointKind.Distributed)).ToList();
        if (endpoints.Count == 0)
        {
            output.WriteLine($"No endpoints: the composed modules ({Modules(runtime)}) declare no handler. Add modules with estuary.AddModule<TModule>() in AddEstuary().");
            return ExitCodes.Success;
        }

        var table = new TextTable("KIND", "NAME", "ENDPOINT ID", "CHANNEL", "ROUTING KEY");
        foreach (var endpoint in endpoints)
        {
            table.Add(Kind(endpoint.Kind), endpoint.Name, endpoint.EndpointId, endpoint.Channel ?? "inline", endpoint.Description.RoutingKey);
        }

        table.WriteTo(output);
        output.WriteLine();
        output.WriteLine($"{Formats.Plural(endpoints.Count, "endpoint")} in {Formats.Plural(runtime.Modules.Count, "module")}: {Modules(runtime)}.");
        return ExitCodes.Success;
    }

    private static string Kind(EndpointKind kind) => kind switch
    {
        EndpointKind.Command => "command",
        EndpointKind.Query => "query",
        EndpointKind.Distributed => "distributed",
        _ => "event",
    };

    private static string Modules(EstuaryRuntime runtime) => runtime.Modules.Count == 0 ? "none" : string.Join(", ", runtime.Modules);
}
