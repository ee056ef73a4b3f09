using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Estuary.Kafka;

/// <summary>Puts Estuary's asynchronous channels on Kafka topics.</summary>
public static class KafkaEstuaryBuilderExtensions
{
    /// <summary>
    /// Uses the Kafka cluster at <paramref name="bootstrapServers"/> (<c>host:port</c>, comma separated): one
    /// idempotent producer per host, built on first use; registers <see cref="IKafkaPublisher"/>;
    /// <paramref name="configure"/> declares channels:
    /// <code>estuary.UseKafka("localhost:9092", kafka => kafka.AddChannel("orders"));</code>
    /// </summary>
    public static EstuaryBuilder UseKafka(this EstuaryBuilder builder, string bootstrapServers, Action<KafkaBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        if (Find(builder.Services) is not null)
        {
            throw new InvalidOperationException("UseKafka() was already called. Estuary uses one Kafka cluster per host: call UseKafka once, and declare every channel in it.");
        }

        var options = new KafkaOptions { BootstrapServers = bootstrapServers };
        var kafka = new KafkaBuilder(builder, options);
        builder.Services.AddSingleton(kafka);
        builder.Services.AddSingleton(provider => new KafkaTransport(
            options, (provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("Estuary.Kafka")));
        builder.Services.AddSingleton<IKafkaPublisher>(provider => new KafkaPublisher(provider.GetRequiredService<KafkaTransport>(), provider.GetRequiredService<Runtime.EstuaryRuntime>()));
        configure?.Invoke(kafka);

        // Checked now, so wrong producer settings fail at start-up rather than at the first send.
        _ = KafkaTransport.ProducerSettings(options);
        return builder;
    }

    /// <summary>Declares a Kafka channel on the cluster given to <c>UseKafka</c>, which must be called first.</summary>
    /// <exception cref="InvalidOperationException"><c>UseKafka</c> was not called before.</exception>
    public static EstuaryBuilder AddKafkaChannel(this EstuaryBuilder builder, string name, Action<KafkaChannelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var kafka = Find(builder.Services) ?? throw new InvalidOperationException(
            $"AddKafkaChannel(\"{name}\") needs a cluster: call estuary.UseKafka(bootstrapServers) before declaring Kafka channels.");
        kafka.AddChannel(name, configure);
        return builder;
    }

    internal static KafkaBuilder? Find(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(KafkaBuilder) && !descriptor.IsKeyedService)
            {
                return descriptor.ImplementationInstance as KafkaBuilder;
            }
        }

        return null;
    }
}
