using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Estuary.Kafka;

/// <summary>
/// Healthy while the cluster answers a metadata request through the host's producer (built by the check if
/// nothing has sent yet) within <see cref="Timeout"/>; unhealthy when it does not.
/// </summary>
internal sealed class KafkaClusterHealthCheck(KafkaTransport transport) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var servers = transport.Options.BootstrapServers;
        try
        {
            // librdkafka's metadata request blocks its caller: off the health check's thread.
            var brokers = await Task.Run(BrokerCount, cancellationToken).ConfigureAwait(false);
            var data = new Dictionary<string, object> { ["brokers"] = brokers };
            return HealthCheckResult.Healthy($"The Kafka cluster at {servers} answers: {brokers} broker(s).", data);
        }
        catch (KafkaException exception)
        {
            return new HealthCheckResult(
                context.Registration.FailureStatus, $"The Kafka cluster at {servers} could not be reached within {Timeout.TotalSeconds:0} s: {exception.Error.Reason}");
        }
    }

    private int BrokerCount()
    {
        using var admin = new DependentAdminClientBuilder(transport.Producer.Handle).Build();
        return admin.GetMetadata(Timeout).Brokers.Count;
    }
}
