using System;
using System.Collections.Generic;
using Estuary.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Health checks of Estuary's Kafka cluster and consumers.</summary>
public static class KafkaHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a check of the host's Kafka cluster (<c>estuary-kafka</c>) and one per Kafka channel declared so far
    /// (<c>estuary-kafka-{channel}</c>): call it after <c>AddEstuary(... UseKafka ...)</c>.
    /// <code>services.AddHealthChecks().AddEstuaryKafka();</code>
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>UseKafka</c> was not called before.</exception>
    public static IHealthChecksBuilder AddEstuaryKafka(this IHealthChecksBuilder builder, HealthStatus failureStatus = HealthStatus.Unhealthy, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var kafka = KafkaEstuaryBuilderExtensions.Find(builder.Services)
            ?? throw new InvalidOperationException("AddEstuaryKafka() checks the cluster of UseKafka: call services.AddEstuary(estuary => estuary.UseKafka(...)) first.");
        builder.Add(new HealthCheckRegistration("estuary-kafka", provider => new KafkaClusterHealthCheck(provider.GetRequiredService<KafkaTransport>()), failureStatus, tags));
        foreach (var channel in kafka.ChannelNames)
        {
            builder.Add(new HealthCheckRegistration(
                "estuary-kafka-" + channel, provider => new KafkaConsumerHealthCheck(provider.GetRequiredService<KafkaTransport>(), channel), failureStatus, tags));
        }

        return builder;
    }
}
