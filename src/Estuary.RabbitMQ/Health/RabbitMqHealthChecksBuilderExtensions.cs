using System;
using System.Collections.Generic;
using Estuary.RabbitMQ;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Health checks of Estuary's RabbitMQ connection and consumers.</summary>
public static class RabbitMqHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a check of the host's RabbitMQ connection (<c>estuary-rabbitmq</c>) and one per RabbitMQ channel
    /// declared so far (<c>estuary-rabbitmq-{channel}</c>): call it after <c>AddEstuary(... UseRabbitMq ...)</c>.
    /// <code>services.AddHealthChecks().AddEstuaryRabbitMq();</code>
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>UseRabbitMq</c> was not called before.</exception>
    public static IHealthChecksBuilder AddEstuaryRabbitMq(this IHealthChecksBuilder builder, HealthStatus failureStatus = HealthStatus.Unhealthy, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var rabbit = RabbitMqEstuaryBuilderExtensions.Find(builder.Services)
            ?? throw new InvalidOperationException("AddEstuaryRabbitMq() checks the broker of UseRabbitMq: call services.AddEstuary(estuary => estuary.UseRabbitMq(...)) first.");
        builder.Add(new HealthCheckRegistration("estuary-rabbitmq", provider => new RabbitMqConnectionHealthCheck(provider.GetRequiredService<RabbitMqTransport>()), failureStatus, tags));
        foreach (var channel in rabbit.ChannelNames)
        {
            builder.Add(new HealthCheckRegistration(
                "estuary-rabbitmq-" + channel, provider => new RabbitMqConsumerHealthCheck(provider.GetRequiredService<RabbitMqTransport>(), channel), failureStatus, tags));
        }

        return builder;
    }
}
