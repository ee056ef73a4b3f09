using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Estuary.Runtime;

/// <summary>
/// What a generated module's <c>ConfigureServices</c> calls. Every registration is a "try": a service
/// the application registered first wins, so it can replace a repository, a gateway or a handler class.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ModuleServices
{
    /// <summary>Registers a handler or interceptor class, built by <paramref name="factory"/>, with the host's handler lifetime.</summary>
    public static void AddHandler<T>(IServiceCollection services, EstuaryOptions options, Func<IServiceProvider, T> factory)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAdd(ServiceDescriptor.Describe(typeof(T), factory, options.HandlerLifetime));
    }

    /// <summary>Registers a handler or interceptor class without a single public constructor: the container chooses one.</summary>
    public static void AddHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(IServiceCollection services, EstuaryOptions options)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAdd(ServiceDescriptor.Describe(typeof(T), typeof(T), options.HandlerLifetime));
    }

    /// <summary>Registers a singleton (a repository, a gateway, a generated interface implementation).</summary>
    public static void AddSingleton<TService>(IServiceCollection services, Func<IServiceProvider, TService> factory)
        where TService : class =>
        services.TryAddSingleton(factory);

    /// <summary>Stores the instances of a state-stored aggregate or saga in the host's document store, in collection <paramref name="collection"/>.</summary>
    public static void AddDocumentRepository<TAggregate>(IServiceCollection services, string collection)
        where TAggregate : class =>
        services.TryAddSingleton<IAggregateRepository<TAggregate>>(provider => new DocumentStoreAggregateRepository<TAggregate>(provider.GetRequiredService<IDocumentStore>(), collection));

    /// <summary>Loads and appends an event-sourced aggregate through the host's event store, as <paramref name="definition"/> describes it.</summary>
    public static void AddEventSourcedRepository<TAggregate>(IServiceCollection services, EventSourcedAggregate<TAggregate> definition)
        where TAggregate : class =>
        services.TryAddSingleton(provider => new EventSourcedRepository<TAggregate>(
            definition,
            provider.GetRequiredService<IEventStore>(),
            provider.GetRequiredService<IDocumentStore>(),
            provider.GetRequiredService<EstuaryRuntime>()));

    /// <summary>Records that the streams starting with <paramref name="streamPrefix"/> are kept in events table <paramref name="table"/>.</summary>
    public static void AddStreamTable(IServiceCollection services, string streamPrefix, string table) =>
        services.AddSingleton(new EventStreamTable(streamPrefix, table));

    /// <summary>A required service, for a generated factory.</summary>
    public static T Get<T>(IServiceProvider provider)
        where T : notnull =>
        provider.GetRequiredService<T>();
}
