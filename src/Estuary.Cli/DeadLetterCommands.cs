using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Cli;

/// <summary><c>estuary deadletter ...</c>: inspect, replay and delete the messages that could not be handled.</summary>
internal static class DeadLetterCommands
{
    private const string ListHint = "List the dead letters with: estuary deadletter list";
    private const string EmptyNothingToReplay = "The dead letter is empty: nothing to replay.";

    // Dead letters read per page by replay-all --dry-run.
    private const int Page = 100;

    public static Command Create(IServiceProvider services) => new("deadletter", "Inspect, replay and delete dead letters (messages whose handling failed for good).")
    {
        List(services),
        Show(services),
        Replay(services),
        ReplayAll(services),
        Delete(services),
        Count(services),
    };

    private static Command List(IServiceProvider services)
    {
        var offset = OptionParsers.Count("--offset", "Dead letters to skip, oldest first.", minimum: 0, defaultValue: 0);
        var limit = OptionParsers.Count("--limit", "Dead letters to list.", minimum: 1, defaultValue: 50);
        var command = new Command("list", "List dead letters, oldest first.") { offset, limit };
        command.SetEstuaryAction((result, output, cancellationToken) =>
            ListAsync(services.Require<DeadLetters>(), result.GetValue(offset), result.GetValue(limit), output, cancellationToken));
        return command;
    }

    private static async Task<int> ListAsync(DeadLetters deadLetters, int offset, int limit, TextWriter output, CancellationToken cancellationToken)
    {
        var entries = await deadLetters.ListAsync(offset, limit, cancellationToken).ConfigureAwait(false);
        var total = await deadLetters.CountAsync(cancellationToken).ConfigureAwait(false);
        if (entries.Count == 0)
        {
            output.WriteLine(total == 0 ? "The dead letter is empty." : $"No dead letters from offset {offset}: there are {total}.");
            return ExitCodes.Success;
        }

        var table = new TextTable("MESSAGE ID", "ENDPOINT ID", "CHANNEL", "FAILED AT", "REASON");
        foreach (var entry in entries)
        {
            table.Add(entry.Id.ToString(), entry.Message.EndpointId, entry.Channel, Formats.Instant(entry.FailedAt), TextTable.Shorten(entry.Reason, 80));
        }

        table.WriteTo(output);
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Dead letters {offset + 1}-{offset + entries.Count} of {total}. Show one with: estuary deadletter show <message-id> <endpoint-id>"));
        return ExitCodes.Success;
    }

    private static Command Show(IServiceProvider services)
    {
        var (id, endpoint) = Key();
        var command = new Command("show", "Show a dead letter: headers, payload, reason and the exception with its stack trace.") { id, endpoint };
        command.SetEstuaryAction(async (result, output, cancellationToken) =>
        {
            var (messageId, endpointId) = (result.GetValue(id), result.GetRequiredValue(endpoint));
            if (await services.Require<DeadLetters>().GetAsync(messageId, endpointId, cancellationToken).ConfigureAwait(false) is not { } entry)
            {
                return NotFound(output, messageId, endpointId);
            }

            DeadLetterView.Write(entry, output);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Replay(IServiceProvider services)
    {
        var (id, endpoint) = Key();
        var command = new Command("replay", "Send a dead letter back to its channel, for its endpoint only, and remove it from the dead letter.") { id, endpoint };
        command.SetEstuaryAction(async (result, output, cancellationToken) =>
        {
            var (messageId, endpointId) = (result.GetValue(id), result.GetRequiredValue(endpoint));
            var deadLetters = services.Require<DeadLetters>();

            // Read first only to name the channel in the output; ReplayAsync decides whether it existed.
            var entry = await deadLetters.GetAsync(messageId, endpointId, cancellationToken).ConfigureAwait(false);
            if (entry is null || !await deadLetters.ReplayAsync(messageId, endpointId, cancellationToken).ConfigureAwait(false))
            {
                return NotFound(output, messageId, endpointId);
            }

            output.WriteLine($"Replayed message {messageId} to endpoint '{endpointId}' on channel '{entry.Channel}'.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ReplayAll(IServiceProvider services)
    {
        var command = new Command("replay-all", "Send every dead letter back to its channel and empty the dead letter (needs --yes; --dry-run counts them).");
        var confirmation = Confirmation.AddTo(command);
        command.SetEstuaryAction((result, output, cancellationToken) => confirmation.DecideAsync(
            result,
            output,
            "Would replay every dead letter to its channel and empty the dead letter.",
            () => CountByChannelAsync(services.Require<DeadLetters>(), output, cancellationToken),
            () => ReplayAllAsync(services.Require<DeadLetters>(), output, cancellationToken)));
        return command;
    }

    private static async Task<int> ReplayAllAsync(DeadLetters deadLetters, TextWriter output, CancellationToken cancellationToken)
    {
        var replayed = await deadLetters.ReplayAllAsync(cancellationToken).ConfigureAwait(false);
        output.WriteLine(replayed switch
        {
            0 => EmptyNothingToReplay,
            1 => "Replayed 1 dead letter to its channel.",
            _ => $"Replayed {Formats.Plural(replayed, "dead letter")} to their channels.",
        });
        return ExitCodes.Success;
    }

    private static async Task<int> CountByChannelAsync(DeadLetters deadLetters, TextWriter output, CancellationToken cancellationToken)
    {
        // Page by page, so a large dead letter is never read into memory at once.
        var perChannel = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long total = 0;
        for (var offset = 0; ; offset += Page)
        {
            var page = await deadLetters.ListAsync(offset, Page, cancellationToken).ConfigureAwait(false);
            foreach (var entry in page)
            {
                perChannel[entry.Channel] = perChannel.GetValueOrDefault(entry.Channel) + 1;
                total++;
            }

            if (page.Count < Page)
            {
                break;
            }
        }

        if (total == 0)
        {
            output.WriteLine(EmptyNothingToReplay);
            return ExitCodes.Success;
        }

        output.WriteLine(total == 1 ? "Would replay 1 dead letter to its channel:" : $"Would replay {Formats.Plural(total, "dead letter")} to their channels:");
        var table = new TextTable("CHANNEL", "DEAD LETTERS");
        foreach (var (channel, count) in perChannel)
        {
            table.Add(channel, count.ToString(CultureInfo.InvariantCulture));
        }

        table.WriteTo(output);
        output.WriteLine();
        output.WriteLine(Confirmation.DryRunNote);
        return ExitCodes.Success;
    }

    private static Command Delete(IServiceProvider services)
    {
        var (id, endpoint) = Key();
        var command = new Command("delete", "Delete a dead letter without replaying it (needs --yes; --dry-run shows it).") { id, endpoint };
        var confirmation = Confirmation.AddTo(command);
        command.SetEstuaryAction((result, output, cancellationToken) =>
        {
            var (messageId, endpointId) = (result.GetValue(id), result.GetRequiredValue(endpoint));
            return confirmation.DecideAsync(
                result,
                output,
                $"Would delete the dead letter of message {messageId} for endpoint '{endpointId}' without replaying it.",
                () => ShowDeleteAsync(services.Require<DeadLetters>(), messageId, endpointId, output, cancellationToken),
                () => DeleteAsync(services.Require<DeadLetters>(), messageId, endpointId, output, cancellationToken));
        });
        return command;
    }

    private static async Task<int> DeleteAsync(DeadLetters deadLetters, Guid messageId, string endpointId, TextWriter output, CancellationToken cancellationToken)
    {
        if (!await deadLetters.DeleteAsync(messageId, endpointId, cancellationToken).ConfigureAwait(false))
        {
            return NotFound(output, messageId, endpointId);
        }

        output.WriteLine($"Deleted the dead letter of message {messageId} for endpoint '{endpointId}'.");
        return ExitCodes.Success;
    }

    private static async Task<int> ShowDeleteAsync(DeadLetters deadLetters, Guid messageId, string endpointId, TextWriter output, CancellationToken cancellationToken)
    {
        if (await deadLetters.GetAsync(messageId, endpointId, cancellationToken).ConfigureAwait(false) is not { } entry)
        {
            return NotFound(output, messageId, endpointId);
        }

        output.WriteLine("Would delete this dead letter without replaying it:");
        DeadLetterView.WriteSummary(entry, output);
        output.WriteLine(Confirmation.DryRunNote);
        return ExitCodes.Success;
    }

    private static Command Count(IServiceProvider services)
    {
        var command = new Command("count", "Print the number of dead letters (just the number, for scripts).");
        command.SetEstuaryAction(async (_, output, cancellationToken) =>
        {
            var count = await services.Require<DeadLetters>().CountAsync(cancellationToken).ConfigureAwait(false);
            output.WriteLine(count.ToString(CultureInfo.InvariantCulture));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A dead letter is keyed by message id and endpoint id: one event can fail for several subscribers.</summary>
    private static (Argument<Guid> Id, Argument<string> Endpoint) Key() => (
        new Argument<Guid>("message-id") { Description = "The message id (a GUID), as listed." },
        new Argument<string>("endpoint-id") { Description = "The endpoint id, as listed." });

    private static int NotFound(TextWriter output, Guid messageId, string endpointId)
    {
        output.WriteLine($"No dead letter for message {messageId} and endpoint '{endpointId}'. {ListHint}");
        return ExitCodes.Error;
    }
}
