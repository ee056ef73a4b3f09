using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Runtime;

namespace Estuary.Cli;

/// <summary><c>estuary dedup cleanup</c>: forgets deduplication marks older than the retention.</summary>
internal static class DedupCommands
{
    private const int DefaultBatchSize = 1000;

    public static Command Create(IServiceProvider services)
    {
        var olderThan = OptionParsers.Duration("--older-than", "Remove marks older than this, e.g. 7.00:00:00 (default: EstuaryOptions.DeduplicationRetention).");
        var batchSize = OptionParsers.Count("--batch-size", $"Marks removed per batch, so a large cleanup never holds long locks (default {DefaultBatchSize}).", minimum: 1, DefaultBatchSize);
        var cleanup = new Command("cleanup", "Remove the deduplication marks older than the retention, in batches (needs --yes; --dry-run counts them).") { olderThan, batchSize };
        var confirmation = Confirmation.AddTo(cleanup);
        cleanup.SetEstuaryAction((result, output, cancellationToken) =>
        {
            var cutOff = CutOff.Of(services, result.GetValue(olderThan));
            return confirmation.DecideAsync(
                result,
                output,
                $"Would remove the deduplication marks recorded before {cutOff}.",
                () => CountAsync(services.Require<IDeduplicationStore>(), cutOff, output, cancellationToken),
                () => CleanupAsync(services.Require<IDeduplicationStore>(), cutOff, result.GetValue(batchSize), output, cancellationToken));
        });

        return new Command("dedup", "Maintain the deduplication marks (the ids of messages each endpoint has handled).") { cleanup };
    }

    private static async Task<int> CountAsync(IDeduplicationStore store, CutOff cutOff, TextWriter output, CancellationToken cancellationToken)
    {
        var count = await store.CountRecordedBeforeAsync(cutOff.Before, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"Would remove {Formats.Plural(count, "deduplication mark")} recorded before {cutOff}.");
        if (count > 0)
        {
            output.WriteLine(Confirmation.DryRunNote);
        }

        return ExitCodes.Success;
    }

    private static async Task<int> CleanupAsync(IDeduplicationStore store, CutOff cutOff, int batchSize, TextWriter output, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            var removed = await store.RemoveExpiredAsync(cutOff.Before, batchSize, cancellationToken).ConfigureAwait(false);
            total += removed;

            // A short batch means nothing older is left; a full one may have left more behind.
            if (removed < batchSize)
            {
                break;
            }
        }

        output.WriteLine($"Removed {Formats.Plural(total, "deduplication mark")} recorded before {cutOff}.");
        return ExitCodes.Success;
    }

    /// <summary>Marks recorded before <see cref="Before"/> are old: they are older than <see cref="Retention"/>.</summary>
    private readonly record struct CutOff(DateTimeOffset Before, TimeSpan Retention)
    {
        public static CutOff Of(IServiceProvider services, TimeSpan? olderThan)
        {
            var retention = olderThan ?? services.Require<EstuaryOptions>().DeduplicationRetention;

            // The host's clock, so a fake TimeProvider in tests (or a shifted one) decides what is old.
            var now = services.Require<EstuaryRuntime>().TimeProvider.GetUtcNow();
            return new CutOff(now - retention, retention);
        }

        public override string ToString() => $"{Formats.Instant(Before)} (older than {Formats.Duration(Retention)})";
    }
}
