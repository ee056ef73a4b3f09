using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Cli;

/// <summary><c>estuary run &lt;channel&gt;</c>: consumes one channel in the foreground, within limits.</summary>
internal static class RunCommand
{
    // Every outcome, in the enum's order, so the summary reads the same from run to run.
    private static readonly DeliveryOutcome[] s_outcomes = Enum.GetValues<DeliveryOutcome>();

    public static Command Create(IServiceProvider services)
    {
        var channel = new Argument<string>("channel") { Description = "The channel to consume." };
        var maxMessages = OptionParsers.Count("--max-messages", "Stop after this many messages were received.", minimum: 1);
        var maxDuration = OptionParsers.Duration("--max-duration", "Stop after this much time, e.g. 00:00:30.");
        var stopWhenEmpty = new Option<bool>("--stop-when-empty") { Description = "Stop as soon as no message is available (delayed messages not yet due do not count)." };
        var stopOnFailure = new Option<bool>("--stop-on-failure") { Description = "Stop at the first message that fails (retried later, dead-lettered, ignored or sent to the error channel)." };
        var concurrency = OptionParsers.Count("--concurrency", "Messages handled at the same time (default: the channel's Concurrency setting).", minimum: 1);

        var command = new Command("run", "Consume a channel until a limit is reached or Ctrl+C, then print what became of the messages.")
        {
            channel, maxMessages, maxDuration, stopWhenEmpty, stopOnFailure, concurrency,
        };
        command.SetEstuaryAction((result, output, cancellationToken) =>
        {
            var limits = new ConsumerLimits
            {
                MaxMessages = result.GetValue(maxMessages),
                MaxDuration = result.GetValue(maxDuration),
                StopWhenEmpty = result.GetValue(stopWhenEmpty),
                StopOnFailure = result.GetValue(stopOnFailure),
                Concurrency = result.GetValue(concurrency),
            };
            return RunAsync(services.Require<EstuaryConsumers>(), result.GetRequiredValue(channel), limits, output, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(EstuaryConsumers consumers, string channel, ConsumerLimits limits, TextWriter output, CancellationToken cancellationToken)
    {
        var declared = consumers.Channels.Select(static c => c.Name).Order(StringComparer.Ordinal).ToArray();
        if (!declared.Contains(channel, StringComparer.Ordinal))
        {
            throw new CommandException($"Channel '{channel}' is not declared in this application. Declared channels: {(declared.Length == 0 ? "none" : string.Join(", ", declared))}.");
        }

        var endpoints = consumers.EndpointsOf(channel).Count();
        if (endpoints == 0)
        {
            // Without an endpoint every message would be unusable input and go to the dead letter.
            throw new CommandException(
                $"No asynchronous endpoint of this application receives from channel '{channel}', so every message on it would go to the dead letter. " +
                "Run the command in the application whose handlers use this channel.");
        }

        output.WriteLine($"Consuming channel '{channel}' ({Formats.Plural(endpoints, "endpoint")}) until {Until(limits)}. Ctrl+C stops.");
        var clock = Stopwatch.StartNew();
        var run = await consumers.RunAsync(channel, limits, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"{Summary(run)} in {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        if (run.StoppedOnFailure)
        {
            output.WriteLine("Stopped at a failed message: the application's log says why; dead-lettered messages are in `estuary deadletter list`.");
            return ExitCodes.StoppedOnFailure;
        }

        return ExitCodes.Success;
    }

    /// <summary>Like <see cref="ConsumerRunResult.ToString"/>, with the outcomes in a fixed order: <c>orders: 3 received (Handled: 2, DeadLettered: 1)</c>.</summary>
    private static string Summary(ConsumerRunResult run)
    {
        var outcomes = s_outcomes.Where(o => run[o] > 0).Select(o => $"{o}: {run[o].ToString(CultureInfo.InvariantCulture)}").ToArray();
        var received = $"{run.Channel}: {run.Received.ToString(CultureInfo.InvariantCulture)} received";
        return outcomes.Length == 0 ? received : $"{received} ({string.Join(", ", outcomes)})";
    }

    private static string Until(ConsumerLimits limits)
    {
        var stops = new List<string>();
        if (limits.StopWhenEmpty)
        {
            stops.Add("it is empty");
        }

        if (limits.MaxMessages is { } max)
        {
            stops.Add(Formats.Plural(max, "message") + " received");
        }

        if (limits.MaxDuration is { } duration)
        {
            stops.Add(Formats.Duration(duration) + " passed");
        }

        if (limits.StopOnFailure)
        {
            stops.Add("a message fails");
        }

        return stops.Count == 0 ? "stopped" : string.Join(" or ", stops);
    }
}
