using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Estuary.Scheduling;

/// <summary>
/// Triggers every schedule of the host at its occurrences, on the host's <see cref="TimeProvider"/>.
/// A failing occurrence is logged and the schedule goes on (an asynchronous schedule's own retries
/// and dead letter apply on its channel).
/// </summary>
internal sealed partial class SchedulerHostedService(EstuarySchedules schedules, TimeProvider time, ILogger logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(schedules.Timers.Select(timer => RunAsync(timer, stoppingToken)));

    private async Task RunAsync(ScheduleTimer timer, CancellationToken stoppingToken)
    {
        var after = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested && timer.Next(after) is { } occurrence)
        {
            var wait = occurrence - time.GetUtcNow();
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
                }

                await schedules.TriggerAsync(timer.Name, occurrence, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogFailed(logger, exception, timer.Name, occurrence);
            }

            after = occurrence;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Schedule {Schedule} failed at its occurrence {Occurrence}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string schedule, DateTimeOffset occurrence);
}
