using System;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Microsoft.Extensions.Logging;

namespace Estuary.Consumers;

/// <summary>
/// The receive loop of one channel: <c>Concurrency</c> loops receive and process messages until the
/// run is stopped or a limit is reached. Stopping ends the receiving; messages being handled finish
/// (or go back to the channel if their handler observes the cancellation).
/// </summary>
internal sealed partial class ChannelConsumer(DeliveryProcessor processor, ChannelRegistration channel, IPollableChannel source, ILogger logger)
{
    private static readonly TimeSpan s_firstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_lastBackoff = TimeSpan.FromSeconds(30);

    private int _reserved;

    public async Task<ConsumerRunResult> RunAsync(ConsumerLimits limits, CancellationToken stopReceiving, CancellationToken stopHandling)
    {
        var result = new ConsumerRunResult { Channel = channel.Name };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stopReceiving);
        if (limits.MaxDuration is { } duration)
        {
            stop.CancelAfter(duration);
        }

        var concurrency = Math.Max(1, limits.Concurrency ?? channel.Consumer.Concurrency);
        var loops = new Task[concurrency];
        for (var i = 0; i < loops.Length; i++)
        {
            loops[i] = LoopAsync(limits, result, stop, stopHandling);
        }

        try
        {
            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        finally
        {
            await source.StopReceivingAsync().ConfigureAwait(false);
        }

        return result;
    }

    private async Task LoopAsync(ConsumerLimits limits, ConsumerRunResult result, CancellationTokenSource stop, CancellationToken stopHandling)
    {
        // Off the caller's stack, so several loops start at once.
        await Task.Yield();
        var wait = limits.StopWhenEmpty ? TimeSpan.Zero : channel.Consumer.PollInterval;
        var backoff = s_firstBackoff;
        while (!stop.IsCancellationRequested)
        {
            if (limits.MaxMessages is { } max && Interlocked.Increment(ref _reserved) > max)
            {
                return;
            }

            IChannelDelivery? delivery;
            try
            {
                delivery = await source.ReceiveAsync(wait, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (!limits.StopWhenEmpty)
            {
                // The channel is unreachable (database or broker down): wait, then try again, for
                // as long as the host runs. A bounded run (tests, the CLI) reports it instead.
                Release(limits);
                LogUnavailable(logger, exception, channel.Name, backoff);
                if (!await PauseAsync(backoff, stop.Token).ConfigureAwait(false))
                {
                    return;
                }

                backoff = Next(backoff);
                continue;
            }

            backoff = s_firstBackoff;
            if (delivery is null)
            {
                Release(limits);

                if (limits.StopWhenEmpty)
                {
                    return;
                }

                continue;
            }

            DeliveryOutcome outcome;
            try
            {
                outcome = await processor.ProcessAsync(channel, delivery, stopHandling).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopHandling.IsCancellationRequested)
            {
                // The handler gave up because the host stopped: the delivery went back to the channel.
                result.Count(DeliveryOutcome.Released);
                return;
            }
            catch (Exception exception) when (!limits.StopWhenEmpty)
            {
                // Not the handler (its failures are outcomes) but the infrastructure around it, e.g.
                // the commit: the delivery was released, so the message comes back.
                result.Count(DeliveryOutcome.Released);
                LogProcessingFailed(logger, exception, channel.Name);
                await PauseAsync(s_firstBackoff, stop.Token).ConfigureAwait(false);
                continue;
            }

            result.Count(outcome);
            var failed = outcome is DeliveryOutcome.Retrying or DeliveryOutcome.DeadLettered or DeliveryOutcome.Ignored or DeliveryOutcome.SentToErrorChannel;
            if (outcome == DeliveryOutcome.Released || (limits.StopOnFailure && failed))
            {
                result.StoppedOnFailure = true;
                await stop.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    private void Release(ConsumerLimits limits)
    {
        if (limits.MaxMessages is not null)
        {
            Interlocked.Decrement(ref _reserved);
        }
    }

    private static TimeSpan Next(TimeSpan backoff) => backoff * 2 < s_lastBackoff ? backoff * 2 : s_lastBackoff;

    /// <summary>Waits (in real time: the channel's server recovers in real time), or returns false when the run stops.</summary>
    private static async Task<bool> PauseAsync(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, stop).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Channel {Channel} cannot be received from; trying again in {Backoff}")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string channel, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Error, Message = "A message of channel {Channel} could not be settled; it goes back to the channel")]
    private static partial void LogProcessingFailed(ILogger logger, Exception exception, string channel);
}
