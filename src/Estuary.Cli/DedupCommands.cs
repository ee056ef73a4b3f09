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
        var cleanup = new Command("cleanup", "Remove the deduplication marks older than the retention, in batches.") { olderThan, batchSize };
        cleanup.SetEstuaryAction((result, output, cancellationToken) =>
            CleanupAsync(services, result.GetValue(olderThan), result.GetValue(batchSize), output, cancellationToken));

        return new Command("dedup", "Maintain the deduplication marks (the ids of messages each endpoint has handled).") { cleanup };
    }

    private static async Task<int> CleanupAsync(IServiceProvider services, TimeSpan? olderThan, int batchSize, TextWriter output, CancellationToken cancellationToken)
    {
        var store = services.Require<IDeduplicationStore>();
        var retention = olderThan ?? services.Require<EstuaryOptions>().DeduplicationRetention;

        // The host's clock, so a fake TimeProvider in tests (or a shifted one) decides what is old.
        var now = services.Require<EstuaryRuntime>().TimeProvider.GetUtcNow();
        var before = now - retention;

        long total = 0;
        while (true)
        {
            var removed = await store.RemoveExpiredAsync(before, batchSize, cancellationToken).ConfigureAwait(false);
            total += removed;

            // A short batch means nothing older is left; a full one may have left more behind.
            if (removed < batchSize)
            {
                break;
            }
        }

        output.WriteLine($"Removed {Formats.Plural(total, "deduplication mark")} recorded before {Formats.Instant(before)} (older than {Formats.Duration(retention)}).");
        return ExitCodes.Success;
    }
}
