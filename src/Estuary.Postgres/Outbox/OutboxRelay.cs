using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Estuary.Postgres;

/// <summary>
/// Forwards, for the life of the host, the outbox messages their writer did not forward (it died, or
/// the destination refused them): in batches, as soon as they are due. It sleeps until the next row it
/// knows of is due, and at most <see cref="PostgresOptions.OutboxRecoveryDelay"/> (rows a writer that
/// died left behind become due after that long), and is woken when a forward pushes rows back. Relays
/// of several processes share the work (<c>SKIP LOCKED</c>); a relay killed mid-batch leaves its batch to the others.
/// </summary>
internal sealed partial class OutboxRelay(PostgresOutbox outbox, PostgresDatabase database, ILoggerFactory loggerFactory) : BackgroundService
{
    private const int BatchSize = 100;
    private static readonly TimeSpan s_longestSleep = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_shortestSleep = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_firstBackoff = TimeSpan.FromMilliseconds(200);

    private readonly ILogger _logger = loggerFactory.CreateLogger("Estuary.Postgres.OutboxRelay");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listener = QueueListener.For(database.DataSource, database.Schema, _logger);
        var backoff = s_firstBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Subscribed before looking, so a write committed meanwhile still wakes the relay.
                using var subscription = listener.Subscribe(PostgresOutbox.Notification);
                if (await outbox.ForwardDueAsync(BatchSize, stoppingToken).ConfigureAwait(false) == BatchSize)
                {
                    continue;
                }

                await SleepAsync(subscription.Signal, await outbox.UntilNextDueAsync(stoppingToken).ConfigureAwait(false), stoppingToken).ConfigureAwait(false);
                backoff = s_firstBackoff;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database is unreachable: the messages are safe in it; look again later.
                LogRelayFailed(_logger, exception, backoff);
                try
                {
                    await Task.Delay(backoff, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = backoff * 2 < s_longestSleep ? backoff * 2 : s_longestSleep;
            }
        }
    }

    // Due rows that another relay holds look due at once: never sleep less than a moment, and never
    // longer than the recovery delay, after which a new row left by a writer that died becomes due.
    private async Task SleepAsync(Task woken, TimeSpan? untilDue, CancellationToken stoppingToken)
    {
        var longest = database.Options.OutboxRecoveryDelay < s_longestSleep ? database.Options.OutboxRecoveryDelay : s_longestSleep;
        var sleep = untilDue is { } due && due < longest ? due : longest;
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        await Task.WhenAny(woken, Task.Delay(sleep < s_shortestSleep ? s_shortestSleep : sleep, timer.Token)).ConfigureAwait(false);
        await timer.CancelAsync().ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "The outbox relay cannot reach the database; trying again in {Backoff}")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception, TimeSpan backoff);
}
