using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace Estuary.Consumers;

/// <summary>
/// Runs, for the life of the host, the consumer of every declared channel that has asynchronous
/// endpoints in this host and <c>RunInHost</c> set. On shutdown it stops receiving and lets messages
/// being handled finish; if the host's shutdown timeout runs out first, their handlers are
/// cancelled and the messages go back to their channels.
/// </summary>
internal sealed class ConsumersHostedService(EstuaryConsumers consumers) : BackgroundService
{
    private static readonly TimeSpan s_releaseGrace = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stopHandling = new();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var runs = new List<Task>();
        foreach (var channel in consumers.Channels.Where(c => c.Consumer.RunInHost && consumers.EndpointsOf(c.Name).Any()))
        {
            runs.Add(consumers.RunAsync(channel.Name, ConsumerLimits.None, stoppingToken, _stopHandling.Token));
        }

        return Task.WhenAll(runs);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _stopHandling);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);

        // When the host gave up waiting, the handlers were just cancelled: give them a moment to
        // unwind and put their messages back before the host tears down the services they use.
        if (ExecuteTask is { IsCompleted: false } running)
        {
            await Task.WhenAny(running, Task.Delay(s_releaseGrace)).ConfigureAwait(false);
        }
    }

    public override void Dispose()
    {
        _stopHandling.Dispose();
        base.Dispose();
    }
}
