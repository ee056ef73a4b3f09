using System;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;

namespace Estuary.Consumers;

/// <summary>
/// The receive loop of one channel: <c>Concurrency</c> loops receive and process messages until the
/// run is stopped or a limit is reached. Stopping ends the receiving; messages being handled finish
/// (or go back to the channel if their handler observes the cancellation).
/// </summary>
internal sealed class ChannelConsumer(DeliveryProcessor processor, ChannelRegistration channel, IPollableChannel source)
{
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

        await Task.WhenAll(loops).ConfigureAwait(false);
        return result;
    }

    private async Task LoopAsync(ConsumerLimits limits, ConsumerRunResult result, CancellationTokenSource stop, CancellationToken stopHandling)
    {
        // Off the caller's stack, so several loops start at once.
        await Task.Yield();
        var wait = limits.StopWhenEmpty ? TimeSpan.Zero : channel.Consumer.PollInterval;
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

            if (delivery is null)
            {
                if (limits.MaxMessages is not null)
                {
                    Interlocked.Decrement(ref _reserved);
                }

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

            result.Count(outcome);
            var failed = outcome is DeliveryOutcome.Retrying or DeliveryOutcome.DeadLettered or DeliveryOutcome.Ignored or DeliveryOutcome.SentToErrorChannel;
            if (outcome == DeliveryOutcome.Released || (limits.StopOnFailure && failed))
            {
                result.StoppedOnFailure = true;
                await stop.CancelAsync().ConfigureAwait(false);
            }
        }
    }
}
