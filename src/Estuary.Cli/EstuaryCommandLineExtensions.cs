using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Cli;

/// <summary>
/// Runs Estuary's operations commands (<c>estuary endpoints</c>, <c>estuary run orders</c>,
/// <c>estuary deadletter list</c>...) inside the application's own host, so they see exactly the
/// modules, channels and storage the application is configured with.
/// </summary>
public static class EstuaryCommandLineExtensions
{
    /// <summary>The first argument that selects Estuary's commands.</summary>
    public const string CommandName = "estuary";

    // Long enough for a consumer stopped with Ctrl+C to finish the messages it is handling (the same
    // budget as the host's default shutdown timeout); System.CommandLine's default is 2 seconds.
    private static readonly TimeSpan s_terminationTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs the Estuary command in <paramref name="args"/> when its first element is <c>estuary</c>, and
    /// returns its exit code; returns <see langword="null"/> for any other arguments, so the application
    /// starts as usual:
    /// <code>if (await app.Services.RunEstuaryCommandAsync(args) is { } exitCode) return exitCode;</code>
    /// </summary>
    /// <param name="services">The application's services, with <c>AddEstuary</c> called.</param>
    /// <param name="args">The process arguments.</param>
    /// <param name="output">Where results, help and errors are written (default <see cref="Console.Out"/>).</param>
    /// <param name="cancellationToken">Stops the command, as Ctrl+C does.</param>
    /// <returns>
    /// <see langword="null"/> when the arguments are not an Estuary command; otherwise 0 on success, 1 on
    /// an error or a usage error, 2 when <c>estuary run</c> stopped on a failed message, 130 when cancelled.
    /// </returns>
    public static Task<int?> RunEstuaryCommandAsync(this IServiceProvider services, string[] args, TextWriter? output = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || !string.Equals(args[0], CommandName, StringComparison.Ordinal))
        {
            return Task.FromResult<int?>(null);
        }

        return RunAsync(services, args, output ?? Console.Out, cancellationToken);
    }

    private static async Task<int?> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        // `estuary` is a subcommand of the root rather than the root itself, so help shows the
        // command line as typed: `MyWorker estuary deadletter list [options]`.
        var root = new RootCommand("The application's commands.") { EstuaryCommand.Create(services) };
        var invocation = new InvocationConfiguration
        {
            Output = output,
            Error = output,
            ProcessTerminationTimeout = s_terminationTimeout,
        };

        return await root.Parse(args).InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }
}
