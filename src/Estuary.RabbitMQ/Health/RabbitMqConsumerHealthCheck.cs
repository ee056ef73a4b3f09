using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Estuary.RabbitMQ;

/// <summary>
/// The consumer of one RabbitMQ channel: healthy while the broker pushes messages to it, degraded while
/// no consumer run waits for messages, unhealthy when its subscription ended without it asking (the
/// broker cancelled it, its channel closed) and it has not subscribed again yet.
/// </summary>
internal sealed class RabbitMqConsumerHealthCheck(RabbitMqTransport transport, string channelName) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (transport.Channel(channelName) is not { } channel)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"Channel '{channelName}' has not been used yet: nothing consumes its queue."));
        }

        var data = new Dictionary<string, object> { ["queue"] = channel.Queue, ["subscriptions"] = channel.Subscriptions };
        return Task.FromResult(channel.ConsumerState switch
        {
            QueueConsumerState.Receiving => HealthCheckResult.Healthy($"Channel '{channelName}' receives from queue '{channel.Queue}'.", data),
            QueueConsumerState.Idle => HealthCheckResult.Degraded($"Channel '{channelName}': no consumer run waits for messages of queue '{channel.Queue}'.", data: data),
            _ => new HealthCheckResult(
                context.Registration.FailureStatus,
                $"Channel '{channelName}': the subscription to queue '{channel.Queue}' ended (the broker cancelled it or its channel closed); it subscribes again at its next receive.",
                data: data),
        });
    }
}
