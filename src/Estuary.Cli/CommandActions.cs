using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.Cli;

/// <summary>What every verb shares: its output, its error handling and how it finds its services.</summary>
internal static class CommandActions
{
    /// <summary>
    /// Sets <paramref name="action"/> as the command's action. It writes to the invocation's output
    /// (the writer given to <c>RunEstuaryCommandAsync</c>); an exception becomes one readable line and
    /// exit code 1 rather than System.CommandLine's stack trace, which operators do not need.
    /// </summary>
    public static void SetEstuaryAction(this Command command, Func<ParseResult, TextWriter, CancellationToken, Task<int>> action) =>
        command.SetAction(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            try
            {
                return await action(result, output, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                output.WriteLine("Cancelled.");
                return ExitCodes.Cancelled;
            }
            catch (Exception exception)
            {
                output.WriteLine("Error: " + Describe(exception));
                return ExitCodes.Error;
            }
        });

    /// <summary>A service of the application, or an error saying how to register it.</summary>
    public static T Require<T>(this IServiceProvider services)
        where T : notnull =>
        services.GetService<T>() ?? throw new CommandException(
            $"{typeof(T).Name} is not registered in this application's services. Call services.AddEstuary(...) where the host is built, " +
            "and run the command with the provider of that host (app.Services.RunEstuaryCommandAsync(args)).");

    // Estuary's own messages say what to do; for anything else (a database driver, the network) the
    // exception's type tells the operator where the message comes from.
    private static string Describe(Exception exception) => exception is CommandException or EstuaryException
        ? exception.Message
        : $"{exception.GetType().Name}: {exception.Message}";
}
