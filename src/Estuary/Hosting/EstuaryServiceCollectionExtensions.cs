using System;
using System.Linq;
using Estuary.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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

        var composition = new EstuaryComposition(builder.Modules, services);
        services.AddSingleton(composition);
        services.AddSingleton(builder.Options);
        services.TryAddSingleton(static provider => new EstuaryRuntime(provider, provider.GetRequiredService<EstuaryComposition>()));
        services.TryAddSingleton(static provider => new EstuaryBus(provider.GetRequiredService<EstuaryRuntime>()));
        services.TryAddSingleton<ICommandBus>(static provider => provider.GetRequiredService<EstuaryBus>());
        services.TryAddSingleton<IQueryBus>(static provider => provider.GetRequiredService<EstuaryBus>());
        services.TryAddSingleton<IEventBus>(static provider => provider.GetRequiredService<EstuaryBus>());
        return services;
    }
}
