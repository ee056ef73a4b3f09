using System;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.RabbitMQ;

/// <summary>Puts Estuary's asynchronous channels on RabbitMQ queues.</summary>
public static class RabbitMqEstuaryBuilderExtensions
{
    /// <summary>
    /// Uses the RabbitMQ broker at <paramref name="uri"/> (<c>amqp://user:password@host:5672/vhost</c>):
    /// one connection per host, opened on first use and recovered when it drops, publishing with confirms;
    /// registers <see cref="IRabbitMqPublisher"/>; <paramref name="configure"/> declares channels and topology:
    /// <code>estuary.UseRabbitMq("amqp://guest:guest@localhost:5672/", rabbit => rabbit.AddChannel("orders"));</code>
    /// </summary>
    public static EstuaryBuilder UseRabbitMq(this EstuaryBuilder builder, string uri, Action<RabbitMqBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(uri);
        if (Find(builder.Services) is not null)
        {
            throw new InvalidOperationException("UseRabbitMq() was already called. Estuary uses one broker per host: call UseRabbitMq once, and declare every channel in it.");
        }

        // Parsed now so a malformed address fails at start-up, not at the first message.
        var options = new RabbitMqOptions { Uri = new Uri(uri) };
        var topology = new RabbitMqTopology();
        var rabbit = new RabbitMqBuilder(builder, options, topology);
        builder.Services.AddSingleton(rabbit);
        builder.Services.AddSingleton(provider => new RabbitMqTransport(options, topology, provider.GetService<TimeProvider>() ?? TimeProvider.System));
        builder.Services.AddSingleton<IRabbitMqPublisher>(provider => new RabbitMqPublisher(provider.GetRequiredService<RabbitMqTransport>(), provider.GetRequiredService<Runtime.EstuaryRuntime>()));
        configure?.Invoke(rabbit);
        return builder;
    }

    /// <summary>Declares a RabbitMQ channel on the broker given to <c>UseRabbitMq</c>, which must be called first.</summary>
    /// <exception cref="InvalidOperationException"><c>UseRabbitMq</c> was not called before.</exception>
    public static EstuaryBuilder AddRabbitMqChannel(this EstuaryBuilder builder, string name, Action<RabbitMqChannelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var rabbit = Find(builder.Services) ?? throw new InvalidOperationException(
            $"AddRabbitMqChannel(\"{name}\") needs a broker: call estuary.UseRabbitMq(uri) before declaring RabbitMQ channels.");
        rabbit.AddChannel(name, configure);
        return builder;
    }

    internal static RabbitMqBuilder? Find(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(RabbitMqBuilder) && !descriptor.IsKeyedService)
            {
                return descriptor.ImplementationInstance as RabbitMqBuilder;
            }
        }

        return null;
    }
}
