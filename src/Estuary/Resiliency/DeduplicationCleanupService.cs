using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Estuary.Consumers;

/// <summary>
/// Removes deduplication marks older than <see cref="EstuaryOptions.DeduplicationRetention"/>, every
/// <see cref="EstuaryOptions.DeduplicationCleanupInterval"/>, in batches so a large backlog never
/// holds long locks. Several hosts doing it at once only share the work.
/// </summary>
internal sealed partial class DeduplicationCleanupService(IDeduplicationStore store, EstuaryOptions options, TimeProvider time, ILogger logger) : BackgroundService
{
    private const int BatchSize = 1000;

    /// <summary>Removes every expired mark now; returns how many were removed.</summary>
    public static async Task<long> CleanUpAsync(IDeduplicationStore store, DateTimeOffset before, int batchSize, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            var removed = await store.RemoveExpiredAsync(before, batchSize, cancellationToken).ConfigureAwait(false);
            total += removed;
            if (removed < batchSize)
            {
                return total;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.DeduplicationCleanupInterval is not { } interval || interval <= TimeSpan.Zero)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
                var removed = await CleanUpAsync(store, time.GetUtcNow() - options.DeduplicationRetention, BatchSize, stoppingToken).ConfigureAwait(false);
                LogRemoved(logger, removed);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Removed {Count} expired deduplication marks")]
    private static partial void LogRemoved(ILogger logger, long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing expired deduplication marks failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
