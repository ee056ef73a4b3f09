using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;

namespace Estuary.Cli;

/// <summary><c>estuary channels</c>: the declared channels, how their consumers run and what waits in them.</summary>
internal static class ChannelsCommand
{
    public static Command Create(IServiceProvider services)
    {
        var command = new Command("channels", "List the declared channels: endpoints served, pending messages and consumer settings.");
        command.SetEstuaryAction((_, output, cancellationToken) => WriteAsync(services, output, cancellationToken));
        return command;
    }

    private static async Task<int> WriteAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var consumers = services.Require<EstuaryConsumers>();
        var defaultRetry = services.Require<EstuaryOptions>().DefaultRetry;

        // Ordered by name: the declaration order is not kept by the runtime, and a stable order diffs well.
        var registrations = consumers.Channels.OrderBy(static c => c.Name, StringComparer.Ordinal).ToArray();
        if (registrations.Length == 0)
        {
            output.WriteLine("No channels declared. Declare them where the host is built: estuary.AddInMemoryChannel(\"orders\") or AddPostgresChannel(\"orders\").");
            return ExitCodes.Success;
        }

        var table = new TextTable("CHANNEL", "ENDPOINTS", "PENDING", "CONCURRENCY", "RETRY", "FINAL FAILURE", "ERROR CHANNEL", "DEDUP", "IN HOST");
        var problems = new List<string>();
        foreach (var registration in registrations)
        {
            var settings = registration.Consumer;
            var pending = await PendingAsync(consumers, registration.Name, problems, cancellationToken).ConfigureAwait(false);
            table.Add(
                registration.Name,
                consumers.EndpointsOf(registration.Name).Count().ToString(CultureInfo.InvariantCulture),
                pending,
                settings.Concurrency.ToString(CultureInfo.InvariantCulture),
                settings.Retry is { } retry ? Formats.Retry(retry) : Formats.Retry(defaultRetry) + " (host default)",
                settings.FinalFailure.ToString(),
                settings.ErrorChannel,
                settings.Deduplicate ? "on" : "off",
                settings.RunInHost ? "yes" : "no");
        }

        table.WriteTo(output);
        output.WriteLine();
        output.WriteLine("PENDING counts waiting messages, delayed ones included (- when the channel cannot count them). An endpoint's own [Retry] wins over RETRY.");
        foreach (var problem in problems)
        {
            output.WriteLine(problem);
        }

        return problems.Count == 0 ? ExitCodes.Success : ExitCodes.Error;
    }

    private static async Task<string> PendingAsync(EstuaryConsumers consumers, string name, List<string> problems, CancellationToken cancellationToken)
    {
        try
        {
            return consumers.Channel(name) is IInspectableChannel inspectable
                ? (await inspectable.CountPendingAsync(cancellationToken).ConfigureAwait(false)).ToString(CultureInfo.InvariantCulture)
                : "-";
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // One unreachable channel should not hide the others' settings.
            problems.Add($"Error: counting the pending messages of '{name}' failed: {exception.GetType().Name}: {exception.Message}");
            return "?";
        }
    }
}
