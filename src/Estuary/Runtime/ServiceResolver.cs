using System;
using System.Collections.Generic;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.Runtime;

/// <summary>
/// Resolves handler instances and handler-parameter services for one host. Services registered as
/// singletons are resolved once and then read from an array; other lifetimes come from a scope the
/// dispatch creates on first need, so a scoped dependency is never captured by a singleton.
/// </summary>
internal sealed class ServiceResolver
{
    private readonly IServiceProvider _root;
    private readonly Dictionary<Type, ServiceLifetime> _lifetimes;
    private readonly System.Threading.Lock _gate = new();
    private object?[] _singletons = new object?[64];

    public ServiceResolver(IServiceProvider root, IEnumerable<ServiceDescriptor> descriptors)
    {
        _root = root;
        _lifetimes = new Dictionary<Type, ServiceLifetime>();
        foreach (var descriptor in descriptors)
        {
            if (!descriptor.IsKeyedService)
            {
                _lifetimes[descriptor.ServiceType] = descriptor.Lifetime;
            }
        }
    }

    public T Get<T>(MessageContext context)
        where T : notnull
    {
        var slot = ServiceSlot<T>.Id;
        var singletons = _singletons;
        if ((uint)slot < (uint)singletons.Length && singletons[slot] is T cached)
        {
            return cached;
        }

        return Resolve<T>(context, slot);
    }

    private T Resolve<T>(MessageContext context, int slot)
        where T : notnull
    {
        if (typeof(T) == typeof(IServiceProvider))
        {
            return (T)context.Services;
        }

        var lifetime = LifetimeOf(typeof(T));
        if (lifetime is null)
        {
            // Services the container provides itself (IServiceScopeFactory, IServiceProviderIsService...).
            if (_root.GetService(typeof(T)) is T provided)
            {
                return provided;
            }

            throw new ServiceNotRegisteredException(
                $"{typeof(T).FullName} is needed by a handler but is not registered. Register it with the service collection before building the provider.");
        }

        if (lifetime == ServiceLifetime.Singleton)
        {
            var instance = _root.GetRequiredService<T>();
            Cache(slot, instance);
            return instance;
        }

        return context.ScopedServices().GetRequiredService<T>();
    }

    private ServiceLifetime? LifetimeOf(Type type)
    {
        if (_lifetimes.TryGetValue(type, out var lifetime))
        {
            return lifetime;
        }

        if (type.IsConstructedGenericType && _lifetimes.TryGetValue(type.GetGenericTypeDefinition(), out lifetime))
        {
            return lifetime;
        }

        return null;
    }

    private void Cache(int slot, object instance)
    {
        lock (_gate)
        {
            var singletons = _singletons;
            if (slot >= singletons.Length)
            {
                Array.Resize(ref singletons, Math.Max(slot + 1, singletons.Length * 2));
            }

            singletons[slot] = instance;

            // Publish the array only once the slot is filled so readers never see a torn resize.
            _singletons = singletons;
        }
    }
}
