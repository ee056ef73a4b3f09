using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.Cli;

/// <summary><c>estuary outbox [forward]</c>: what waits in the outbox, and forwarding what is due now.</summary>
internal static class OutboxCommand
{
    private const int Batch = 100;

    private const string NoOutbox =
        "This application has no outbox: messages for channels outside a transaction are sent after it commits. " +
        "Packages with a database register one, e.g. estuary.UsePostgres(connectionString).";

    public static Command Create(IServiceProvider services)
    {
        var forward = new Command("forward", "Forward now the outbox messages that are due for a relay (what the relay of a running host does), and print the status.");
        forward.SetEstuaryAction((_, output, cancellationToken) => ForwardAsync(services.GetService<IOutbox>(), output, cancellationToken));

        var command = new Command("outbox", "Show what waits in the outbox: messages for channels outside their transaction, stored until they are forwarded.") { forward };
        command.SetEstuaryAction((_, output, cancellationToken) => StatusAsync(services.GetService<IOutbox>(), output, cancellationToken));
        return command;
    }

    private static async Task<int> StatusAsync(IOutbox? outbox, TextWriter output, CancellationToken cancellationToken)
    {
        if (outbox is null)
        {
            output.WriteLine(NoOutbox);
            return ExitCodes.Success;
        }

        output.WriteLine(Describe(await outbox.StatusAsync(cancellationToken).ConfigureAwait(false)));
        return ExitCodes.Success;
    }

    private static async Task<int> ForwardAsync(IOutbox? outbox, TextWriter output, CancellationToken cancellationToken)
    {
        if (outbox is null)
        {
            output.WriteLine(NoOutbox);
            return ExitCodes.Success;
        }

        // A full batch may have left more due messages behind; a short one took the last.
        long taken = 0;
        int batch;
        do
        {
            batch = await outbox.ForwardDueAsync(Batch, cancellationToken).ConfigureAwait(false);
            taken += batch;
        }
        while (batch == Batch);

        var status = await outbox.StatusAsync(cancellationToken).ConfigureAwait(false);
        output.WriteLine($"Took {Formats.Plural(taken, "due message")}. {Describe(status)}");
        return ExitCodes.Success;
    }

    private static string Describe(OutboxStatus status) => status.Pending == 0
        ? "The outbox is empty."
        : string.Create(
            CultureInfo.InvariantCulture,
            $"Outbox: {Formats.Plural(status.Pending, "message")} waiting, {status.Failing} failing (most attempts: {status.MostAttempts}), oldest stored {Formats.Instant(status.Oldest!.Value)}.");
}
