using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Estuary.Kafka;

/// <summary>
/// The consumer of one Kafka channel: healthy while it is a member of its group and owns partitions of the
/// channel's topics; degraded before a consumer run started it, while it waits for the group to assign it
/// partitions, and while the group gives it none (more members than partitions).
/// </summary>
internal sealed class KafkaConsumerHealthCheck(KafkaTransport transport, string channelName) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (transport.Channel(channelName) is not { } channel || !channel.Consumer.IsPolling)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"Channel '{channelName}' has not been consumed yet: no member of its group runs here."));
        }

        var consumer = channel.Consumer;
        var owned = consumer.OwnedPartitions;
        var data = new Dictionary<string, object> { ["topic"] = channel.Topic, ["group"] = channel.GroupId, ["partitions"] = owned };
        if (!consumer.HasJoined)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"Channel '{channelName}': waiting for group '{channel.GroupId}' to assign partitions.", data: data));
        }

        return Task.FromResult(owned > 0
            ? HealthCheckResult.Healthy($"Channel '{channelName}' receives from {owned} partition(s) of topic '{channel.Topic}' and its retry topics, in group '{channel.GroupId}'.", data)
            : HealthCheckResult.Degraded($"Channel '{channelName}': group '{channel.GroupId}' gives this member no partition (it has more members than partitions).", data: data));
    }
}
