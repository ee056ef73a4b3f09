using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Estuary;

/// <summary>
/// The host's projection worker. Every <see cref="EstuaryOptions.ProjectionPollInterval"/>, and at once
/// when this process committed new events (<see cref="ProjectionWakeUp"/>), it catches up every polled
/// projection, switches to new versions of projections that caught up (<see cref="EstuaryProjections.TakeOverAsync"/>),
/// and watches the triggered ones (<see cref="TriggeredProjectionWatch"/>).
/// A projection that fails is reported and tried again at the next turn, from the position it last
/// committed, so it goes on by itself once the cause is fixed; the other projections are not held up.
/// </summary>
internal sealed partial class ProjectionsHostedService(EstuaryProjections projections, ProjectionWakeUp wakeUp, EstuaryOptions options, TimeProvider time, ILogger logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.ProjectionPollInterval is not { } interval || interval <= TimeSpan.Zero || projections.Names.Count == 0)
        {
            return;
        }

        var polled = projections.PolledNames;
        var takeOvers = projections.AutomaticTakeOverNames;
        var live = new HashSet<string>(StringComparer.Ordinal);
        var watch = new TriggeredProjectionWatch(projections, time, interval);
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before looking, so events committed while the projections run wake the next turn.
            var woken = wakeUp.Next;
            foreach (var name in polled)
            {
                try
                {
                    var handled = await projections.CatchUpAsync(name, stoppingToken).ConfigureAwait(false);
                    if (handled > 0)
                    {
                        LogCaughtUp(logger, name, handled);
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception exception)
                {
                    LogFailed(logger, exception, name);
                }
            }

            foreach (var name in takeOvers)
            {
                try
                {
                    // Tried every turn: a version deleted after it took over builds and takes over again.
                    if (!await projections.TakeOverAsync(name, stoppingToken).ConfigureAwait(false))
                    {
                        live.Remove(name);
                    }
                    else if (live.Add(name))
                    {
                        LogLive(logger, name);
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception exception)
                {
                    LogTakeOverFailed(logger, exception, name);
                }
            }

            try
            {
                foreach (var name in await watch.TriggerStalledAsync(stoppingToken).ConfigureAwait(false))
                {
                    LogTriggered(logger, name);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogWatchFailed(logger, exception);
            }

            // Until the interval is over or new events wake it; the timer of a wait cut short is stopped.
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            await Task.WhenAny(woken, Task.Delay(interval, time, waiting.Token)).ConfigureAwait(false);
            await waiting.CancelAsync().ConfigureAwait(false);
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Projection {Projection} handled {Count} events")]
    private static partial void LogCaughtUp(ILogger logger, string projection, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Projection {Projection} failed; its batch was rolled back and it is tried again from its committed position at the next turn")]
    private static partial void LogFailed(ILogger logger, Exception exception, string projection);

    [LoggerMessage(Level = LogLevel.Information, Message = "Projection {Projection} is the live version of its projection; the older versions no longer run")]
    private static partial void LogLive(ILogger logger, string projection);

    [LoggerMessage(Level = LogLevel.Error, Message = "Projection {Projection} could not take over from the live version; tried again at the next turn")]
    private static partial void LogTakeOverFailed(ILogger logger, Exception exception, string projection);

    [LoggerMessage(Level = LogLevel.Information, Message = "Projection {Projection} had events to read and did not move since the last look; a trigger was sent")]
    private static partial void LogTriggered(ILogger logger, string projection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look at the triggered projections; trying again at the next turn")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception);
}
