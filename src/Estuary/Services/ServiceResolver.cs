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

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public object Get(int slot, MessageContext context)
    {
        var singletons = _singletons;
        if ((uint)slot < (uint)singletons.Length && singletons[slot] is { } cached)
        {
            return cached;
        }

        return Resolve(slot, context);
    }

    private object Resolve(int slot, MessageContext context)
    {
        var type = ServiceSlots.TypeOf(slot);
        if (type == typeof(IServiceProvider))
        {
            return context.Services;
        }

        var lifetime = LifetimeOf(type);
        if (lifetime is null)
        {
            // Services the container provides itself (IServiceScopeFactory, IServiceProviderIsService...).
            return _root.GetService(type) ?? throw new ServiceNotRegisteredException(
                $"{type.FullName} is needed by a handler but is not registered. Register it with the service collection before building the provider.");
        }

        if (lifetime == ServiceLifetime.Singleton)
        {
            var instance = _root.GetRequiredService(type);
            Cache(slot, instance);
            return instance;
        }

        return context.ScopedServices().GetRequiredService(type);
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
