using System;
using System.Linq;
using Estuary.Channels;
using Estuary.Consumers;
using Estuary.Runtime;
using Estuary.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Estuary;

/// <summary>Registers Estuary in a service collection.</summary>
public static class EstuaryServiceCollectionExtensions
{
    /// <summary>
    /// Adds Estuary's buses and the given modules:
    /// <code>services.AddEstuary(estuary => estuary.AddModule&lt;OrdersModule&gt;());</code>
    /// Call it once; modules register their handler classes unless the application already did.
    /// </summary>
    public static IServiceCollection AddEstuary(this IServiceCollection services, Action<EstuaryBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        if (services.Any(static d => d.ServiceType == typeof(EstuaryComposition)))
        {
            throw new InvalidOperationException("AddEstuary() was already called on this service collection. Add every module in a single AddEstuary() call.");
        }

        var builder = new EstuaryBuilder(services);
        configure(builder);
        foreach (var module in builder.Modules)
        {
            module.ConfigureServices(services, builder.Options);
        }

        var composition = new EstuaryComposition(builder.Modules, builder.Channels, builder.Options, services, builder.Distributed);
        if (builder.Distributed is { } distributed)
        {
            services.TryAddSingleton<IDistributedBus>(provider => new DistributedBus(provider.GetRequiredService<EstuaryRuntime>(), distributed));
        }

        services.AddSingleton(composition);
        services.AddSingleton(builder.Options);
        services.TryAddSingleton(static provider => new EstuaryRuntime(provider, provider.GetRequiredService<EstuaryComposition>()));
        services.TryAddSingleton(static provider => new EstuaryBus(provider.GetRequiredService<EstuaryRuntime>()));
        services.TryAddSingleton<ICommandBus>(static provider => provider.GetRequiredService<EstuaryBus>());
        services.TryAddSingleton<IQueryBus>(static provider => provider.GetRequiredService<EstuaryBus>());
        services.TryAddSingleton<IEventBus>(static provider => provider.GetRequiredService<EstuaryBus>());

        // Asynchronous endpoints: transport packages register persistent stores before these defaults.
        services.TryAddSingleton<IDeadLetterStore, InMemoryDeadLetterStore>();
        services.TryAddSingleton<IDeduplicationStore>(static provider => new InMemoryDeduplicationStore(provider.GetService<TimeProvider>()));
        services.TryAddSingleton<IDocumentStore>(static provider => new InMemoryDocumentStore(provider.GetRequiredService<EstuaryRuntime>().Json));
        services.TryAddSingleton<IEventStore>(static provider => new InMemoryEventStore(provider.GetService<TimeProvider>()));
        services.TryAddSingleton<IProjectionStore>(static provider => new InMemoryProjectionStore(provider.GetService<TimeProvider>()));
        services.TryAddSingleton(static provider => new EstuaryProjections(
            provider.GetRequiredService<EstuaryRuntime>(),
            provider.GetRequiredService<IEventStore>(),
            provider.GetRequiredService<IProjectionStore>(),
            provider.GetService<ITransactionSessionFactory>(),
            provider.GetService<EstuaryOptions>()));
        services.TryAddSingleton(static provider => new ProjectionEmitter(provider.GetRequiredService<EstuaryRuntime>(), provider.GetRequiredService<IEventStore>()));
        services.AddHostedService(static provider => new ProjectionsHostedService(
            provider.GetRequiredService<EstuaryProjections>(),
            provider.GetRequiredService<EstuaryRuntime>().ProjectionWakeUp,
            provider.GetRequiredService<EstuaryOptions>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            (provider.GetService<ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger("Estuary.Projections")));
        services.TryAddSingleton(static provider => new DeadLetters(provider.GetRequiredService<IDeadLetterStore>(), provider.GetRequiredService<EstuaryRuntime>(), provider.GetService<ITransactionSessionFactory>()));
        services.TryAddSingleton(static provider => new EstuaryConsumers(
            provider.GetRequiredService<EstuaryRuntime>(),
            provider.GetRequiredService<IDeadLetterStore>(),
            provider.GetRequiredService<IDeduplicationStore>(),
            provider.GetService<ILoggerFactory>()));
        services.AddHostedService(static provider => new ConsumersHostedService(provider.GetRequiredService<EstuaryConsumers>()));
        services.AddHostedService(static provider => new DeduplicationCleanupService(
            provider.GetRequiredService<IDeduplicationStore>(),
            provider.GetRequiredService<EstuaryOptions>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            (provider.GetService<ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger("Estuary.Deduplication")));
        services.TryAddSingleton(static provider => new EstuarySchedules(provider.GetRequiredService<EstuaryRuntime>()));
        services.AddHostedService(static provider => new SchedulerHostedService(
            provider.GetRequiredService<EstuarySchedules>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            (provider.GetService<ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger("Estuary.Scheduling")));
        return services;
    }
}
