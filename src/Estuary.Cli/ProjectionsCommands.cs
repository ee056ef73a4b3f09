using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Cli;

/// <summary>
/// <c>estuary projections</c>: each projection's position and how far behind it is, and the
/// operations on one: catch up, trigger, initialize, reset, rebuild, delete, take over from older versions.
/// </summary>
internal static class ProjectionsCommands
{
    private const long BehindLimit = 10_000;

    // What a verb that handles no events (reset, delete) reports instead of a count.
    private const long NothingHandled = -1;

    public static Command Create(IServiceProvider services)
    {
        var command = new Command("projections", "List the projections: position, events of their streams not yet handled, last commit.")
        {
            CatchUp(services),
            Trigger(services),
            Initialize(services),
            TakeOver(services),
            Changing(services, "reset", "Move a projection back to the start of the store, running its reset hook (needs --yes; --dry-run shows it).",
                static async (projections, name, _, token) =>
                {
                    await projections.ResetAsync(name, token).ConfigureAwait(false);
                    return NothingHandled;
                },
                "Reset"),
            Rebuild(services),
            Changing(services, "delete", "Run a projection's delete hook and forget its position (needs --yes; --dry-run shows it).",
                static async (projections, name, _, token) =>
                {
                    await projections.DeleteAsync(name, token).ConfigureAwait(false);
                    return NothingHandled;
                },
                "Deleted"),
        };
        command.SetEstuaryAction((_, output, cancellationToken) => ListAsync(services.Require<EstuaryProjections>(), output, cancellationToken));
        return command;
    }

    private static Command CatchUp(IServiceProvider services)
    {
        var name = Name();
        var onChannel = OnChannel();
        var command = new Command("catch-up", "Run a projection's batches now until it has handled every event visible (what the host's worker does at each turn), or hand them to its channel's consumers.") { name, onChannel };
        command.SetEstuaryAction(async (result, output, cancellationToken) =>
        {
            var projection = result.GetValue(name)!;
            var projections = services.Require<EstuaryProjections>();
            if (result.GetValue(onChannel) is { } triggers)
            {
                await projections.CatchUpOnChannelAsync(projection, triggers, cancellationToken).ConfigureAwait(false);
                output.WriteLine(OnChannelSent(projection, triggers));
                return ExitCodes.Success;
            }

            var handled = await projections.CatchUpAsync(projection, cancellationToken).ConfigureAwait(false);
            output.WriteLine($"Projection {projection} handled {Formats.Plural(handled, "event")}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Rebuild(IServiceProvider services)
    {
        var onChannel = OnChannel();
        var command = Changing(services, "rebuild", "Reset a projection, then catch it up from the start here, or on its channel's consumers (needs --yes; --dry-run shows it).",
            async (projections, name, result, token) =>
            {
                if (result.GetValue(onChannel) is not { } triggers)
                {
                    return await projections.RebuildAsync(name, token).ConfigureAwait(false);
                }

                await projections.RebuildOnChannelAsync(name, triggers, token).ConfigureAwait(false);
                return NothingHandled;
            },
            "Rebuilt",
            (result, projection) => result.GetValue(onChannel) is { } triggers
                ? $"Reset projection {projection} and sent {Formats.Plural(triggers, "trigger")}; the consumers of its channel rebuild it."
                : null);
        command.Options.Add(onChannel);
        return command;
    }

    private static Option<int?> OnChannel() => OptionParsers.Count(
        "--on-channel",
        "Send this many triggers on the projection's channel instead, for its consumers to do the work (a partitioned projection: as many consumers share it).",
        minimum: 1);

    private static string OnChannelSent(string projection, int triggers) =>
        $"Sent {Formats.Plural(triggers, "trigger")} for projection {projection}; the consumers of its channel run it.";

    private static Command Trigger(IServiceProvider services)
    {
        var name = Name();
        var command = new Command("trigger", "Send a triggered projection a trigger on its channel, for its consumers to run it (a polled one is woken in this process only).") { name };
        command.SetEstuaryAction(async (result, output, cancellationToken) =>
        {
            var projection = result.GetValue(name)!;
            var projections = services.Require<EstuaryProjections>();
            await projections.TriggerAsync(projection, cancellationToken).ConfigureAwait(false);
            output.WriteLine(projections.IsTriggered(projection)
                ? $"Sent a trigger for projection {projection}; the consumers of its channel run it."
                : $"Projection {projection} is not triggered through a channel: run it here with 'estuary projections catch-up {projection}'.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Initialize(IServiceProvider services)
    {
        var name = Name();
        var command = new Command("init", "Run a projection's initialization hook now (it also runs before its first batch).") { name };
        command.SetEstuaryAction(async (result, output, cancellationToken) =>
        {
            var projection = result.GetValue(name)!;
            await services.Require<EstuaryProjections>().InitializeAsync(projection, cancellationToken).ConfigureAwait(false);
            output.WriteLine($"Initialized projection {projection}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command TakeOver(IServiceProvider services)
    {
        var name = Name();
        var command = new Command("take-over", "Switch a projection to this newer version once it caught up with the live one; the older versions stop.") { name };
        command.SetEstuaryAction(async (result, output, cancellationToken) =>
        {
            var projection = result.GetValue(name)!;
            if (await services.Require<EstuaryProjections>().TakeOverAsync(projection, cancellationToken).ConfigureAwait(false))
            {
                output.WriteLine($"Projection {projection} is the live version; the older versions no longer run.");
                return ExitCodes.Success;
            }

            output.WriteLine($"Projection {projection} did not take over: it is more than a batch behind the live version, the live version is busy, or a newer version is live. Catch it up ('estuary projections catch-up {projection}') and try again.");
            return ExitCodes.Error;
        });
        return command;
    }

    // A verb that changes a projection: confirmed with --yes, shown with --dry-run.
    private static Command Changing(
        IServiceProvider services,
        string verb,
        string description,
        Func<EstuaryProjections, string, ParseResult, CancellationToken, Task<long>> change,
        string done,
        Func<ParseResult, string, string?>? report = null)
    {
        var name = Name();
        var command = new Command(verb, description) { name };
        var confirmation = Confirmation.AddTo(command);
        command.SetEstuaryAction((result, output, cancellationToken) =>
        {
            var projection = result.GetValue(name)!;
            var projections = services.Require<EstuaryProjections>();
            return confirmation.DecideAsync(
                result,
                output,
                $"Would {verb} projection {projection}.",
                async () =>
                {
                    var behind = await projections.CountBehindAsync(projection, BehindLimit, cancellationToken).ConfigureAwait(false);
                    output.WriteLine($"Would {verb} projection {projection} ({Behind(behind)} of its streams not yet handled).");
                    output.WriteLine(Confirmation.DryRunNote);
                    return ExitCodes.Success;
                },
                async () =>
                {
                    var handled = await change(projections, projection, result, cancellationToken).ConfigureAwait(false);
                    output.WriteLine(report?.Invoke(result, projection)
                        ?? (handled == NothingHandled ? $"{done} projection {projection}." : $"{done} projection {projection}: {Formats.Plural(handled, "event")} handled."));
                    return ExitCodes.Success;
                });
        });
        return command;
    }

    private static async Task<int> ListAsync(EstuaryProjections projections, TextWriter output, CancellationToken cancellationToken)
    {
        var statuses = await projections.StatusAsync(cancellationToken).ConfigureAwait(false);
        if (statuses.Count == 0)
        {
            output.WriteLine("No projections in this application's modules. Declare one with [Projection(\"name\")] on a class with [EventHandler] methods.");
            return ExitCodes.Success;
        }

        var table = new TextTable("PROJECTION", "MODE", "POSITION", "BEHIND", "INITIALIZED", "UPDATED");
        foreach (var status in statuses)
        {
            var behind = await projections.CountBehindAsync(status.Name, BehindLimit, cancellationToken).ConfigureAwait(false);
            table.Add(
                status.Name,
                ModeOf(status),
                status.Position.ToString(),
                behind >= BehindLimit ? BehindLimit + "+" : behind.ToString(System.Globalization.CultureInfo.InvariantCulture),
                status.Initialized ? "yes" : "no",
                status.UpdatedAt is { } updated ? Formats.Instant(updated) : null);
        }

        table.WriteTo(output);
        output.WriteLine();
        output.WriteLine($"BEHIND counts the events of a projection's streams committed after its position (at most {BehindLimit}).");
        return ExitCodes.Success;
    }

    // A partitioned projection's mode says how many partitions it has and how many are failing; a version
    // that is not live (or not the first) says which it is and where it stands.
    private static string ModeOf(ProjectionStatus status)
    {
        var mode = status.Partitions is not { } partitions
            ? status.Mode
            : $"{status.Mode}, {Formats.Plural(partitions.Count, "partition")}" + (partitions.Failing > 0 ? $" ({partitions.Failing} failing)" : string.Empty);
        return status.Version == 1 && status.Phase == ProjectionPhase.Live
            ? mode
            : $"{mode}, v{status.Version} {status.Phase.ToString().ToLowerInvariant()}";
    }

    private static string Behind(long count) => count >= BehindLimit ? $"{BehindLimit}+ events" : Formats.Plural(count, "event");

    private static Argument<string> Name() => new("projection") { Description = "The projection's name, as listed." };
}
