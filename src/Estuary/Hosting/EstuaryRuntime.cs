using System;
using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.Runtime;

/// <summary>
/// One host's composition of generated modules: routing tables by type and key, event routes, the
/// message registry and the service cache. Built once when the service provider first needs it;
/// every table is read-only afterwards, except for caches of event routes computed on first use.
/// </summary>
public sealed class EstuaryRuntime
{
    private readonly bool[] _composed;
    private readonly FrozenDictionary<Type, IUntypedRequestEndpoint> _commandsByType;
    private readonly FrozenDictionary<Type, IUntypedRequestEndpoint> _queriesByType;
    private readonly FrozenDictionary<string, IUntypedRequestEndpoint> _commandsByKey;
    private readonly FrozenDictionary<string, IUntypedRequestEndpoint> _queriesByKey;
    private readonly EventEndpoint[] _eventEndpoints;
    private readonly FrozenDictionary<string, Endpoint> _asynchronousById;
    private readonly FrozenDictionary<string, Endpoint> _inlineById;
    private readonly FrozenDictionary<string, Endpoint> _defaultEndpoints;
    private readonly ConcurrentDictionary<Type, EventRoute> _routesByType = new();
    private readonly ConcurrentDictionary<string, EventRoute> _routesByName = new(StringComparer.Ordinal);
    private readonly Lazy<Channels.IOutbox?> _outbox;

    internal EstuaryRuntime(IServiceProvider rootServices, EstuaryComposition composition)
    {
        RootServices = rootServices;
        _outbox = new Lazy<Channels.IOutbox?>(rootServices.GetService<Channels.IOutbox>);
        Modules = composition.Modules.Select(static m => m.Name).ToArray();
        TimeProvider = rootServices.GetService<TimeProvider>() ?? TimeProvider.System;
        Services = new ServiceResolver(rootServices, composition.Services);
        Messages = new MessageRegistry(composition.Modules.SelectMany(static m => m.MessageTypes));
        Events = new EventSerializer(Messages, composition.Modules.SelectMany(static m => m.Upcasters), rootServices.GetService<IEventPayloadProtector>());

        var endpoints = composition.Modules.SelectMany(static m => m.Endpoints).ToArray();
        _composed = new bool[endpoints.Length == 0 ? 0 : endpoints.Max(static e => e.Id) + 1];
        foreach (var endpoint in endpoints)
        {
            _composed[endpoint.Id] = true;
        }

        Endpoints = endpoints;
        _commandsByType = IndexByType(endpoints, EndpointKind.Command);
        _queriesByType = IndexByType(endpoints, EndpointKind.Query);
        _commandsByKey = IndexByKey(endpoints, EndpointKind.Command);
        _queriesByKey = IndexByKey(endpoints, EndpointKind.Query);

        // Higher priority first; the stable sort keeps module and declaration order for ties.
        _eventEndpoints = endpoints.OfType<EventEndpoint>().OrderByDescending(static e => e.Priority).ToArray();

        Projections = Unique(composition.Modules.SelectMany(static m => m.Projections));
        Options = composition.Options;
        Json = CombineJson(composition.Modules);
        Channels = new ChannelRouter(rootServices, composition.Channels, Messages);
        if (composition.Distributed?.Self is { } self)
        {
            // The inbox is consumed like any asynchronous endpoint of this service's distributed channel.
            _asynchronousById = IndexAsynchronous([.. endpoints, new DistributedInbox(self, endpoints)], Channels);
        }
        else
        {
            _asynchronousById = IndexAsynchronous(endpoints, Channels);
        }

        _defaultEndpoints = IndexDefaults(composition.Channels, _asynchronousById);

        // Endpoints that run in process can still receive messages sent through an asynchronous bus;
        // an id several of them share (overloads with default ids) selects none of them.
        _inlineById = endpoints
            .Where(e => e.Channel is null && !_asynchronousById.ContainsKey(e.EndpointId))
            .GroupBy(static e => e.EndpointId, StringComparer.Ordinal)
            .Where(static g => g.Count() == 1)
            .ToFrozenDictionary(static g => g.Key, static g => g.First(), StringComparer.Ordinal);
    }

    /// <summary>Host-wide settings.</summary>
    public EstuaryOptions Options { get; }

    /// <summary>
    /// JSON options whose metadata comes from every composed module's <c>JsonSerializerContext</c>
    /// classes (read-only; no reflection fallback). Document and aggregate stores serialize with it.
    /// </summary>
    public System.Text.Json.JsonSerializerOptions Json { get; }

    /// <summary>
    /// The host's outbox, if a database package registered one. Resolved on first use: the outbox
    /// itself forwards through this runtime's channels.
    /// </summary>
    internal Channels.IOutbox? Outbox => _outbox.Value;

    /// <summary>The metadata of <typeparamref name="T"/> from <see cref="Json"/>, or an error naming the fix.</summary>
    public System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> JsonTypeInfoOf<T>()
    {
        if (Json.TryGetTypeInfo(typeof(T), out var info) && info is System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typed)
        {
            return typed;
        }

        throw new MessageConversionException(
            $"{typeof(T).FullName} has no System.Text.Json metadata in any composed module. Add [JsonSerializable(typeof({typeof(T).Name}))] to a JsonSerializerContext in the assembly that declares it.");
    }

    /// <summary>The asynchronous endpoints, which receive their messages through channels.</summary>
    public IEnumerable<Endpoint> AsynchronousEndpoints => _asynchronousById.Values;

    internal ChannelRouter Channels { get; }

    /// <summary>
    /// Finds the endpoint a received message is addressed to: an asynchronous endpoint, or any other
    /// endpoint with an unambiguous id (reached through an asynchronous bus).
    /// </summary>
    internal bool TryGetAsynchronous(string endpointId, out Endpoint endpoint) =>
        _asynchronousById.TryGetValue(endpointId, out endpoint!) || _inlineById.TryGetValue(endpointId, out endpoint!);

    /// <summary>
    /// The endpoint of a channel's messages that name none: the channel's <see cref="Channels.ConsumerSettings.DefaultEndpointId"/>,
    /// else its <see cref="MessageConsumerAttribute"/> method.
    /// </summary>
    internal bool TryGetDefault(string channel, out Endpoint endpoint) => _defaultEndpoints.TryGetValue(channel, out endpoint!);

    /// <summary>The names of the composed modules, in the order they were added.</summary>
    public IReadOnlyList<string> Modules { get; }

    /// <summary>Every composed endpoint.</summary>
    public IReadOnlyList<Endpoint> Endpoints { get; }

    /// <summary>The composed modules' projections.</summary>
    public IReadOnlyList<ProjectionDefinition> Projections { get; }

    /// <summary>Wakes the projection worker when this process committed new events.</summary>
    internal ProjectionWakeUp ProjectionWakeUp { get; } = new();

    // A projection's name keys its position: two projections under one name would share and corrupt it.
    private static ProjectionDefinition[] Unique(IEnumerable<ProjectionDefinition> projections)
    {
        var all = projections.ToArray();
        if (all.GroupBy(static p => p.Name, StringComparer.Ordinal).FirstOrDefault(static g => g.Count() > 1) is { } shared)
        {
            throw new InvalidOperationException(
                $"Two projections are named '{shared.Key}' ({string.Join(" and ", shared.Select(static p => p.GetType().FullName))}). Each projection needs a name of its own.");
        }

        return all;
    }

    /// <summary>The closed registry of message types.</summary>
    public MessageRegistry Messages { get; }

    /// <summary>Converts events to stored data and back (stable names, revisions, upcasters).</summary>
    public EventSerializer Events { get; }

    /// <summary>The root service provider.</summary>
    public IServiceProvider RootServices { get; }

    /// <summary>The clock (the registered <see cref="System.TimeProvider"/>, or the system clock).</summary>
    public TimeProvider TimeProvider { get; }

    internal ServiceResolver Services { get; }

    internal void EnsureComposed(Endpoint endpoint)
    {
        var id = endpoint.Id;
        if ((uint)id >= (uint)_composed.Length || !_composed[id])
        {
            throw NotComposed(endpoint);
        }
    }

    internal IUntypedRequestEndpoint RequestEndpointFor(EndpointKind kind, Type messageType)
    {
        var table = kind == EndpointKind.Command ? _commandsByType : _queriesByType;
        if (table.TryGetValue(messageType, out var endpoint))
        {
            return endpoint;
        }

        throw new NoHandlerException(
            $"No handler for {Describe(kind)} '{messageType.Name}'. Add [{Attribute(kind)}] to a method taking {messageType.Name}, " +
            $"or check that the module declaring it is added in AddEstuary() (composed: {ModuleList()}).");
    }

    internal IUntypedRequestEndpoint RequestEndpointFor(EndpointKind kind, string routingKey)
    {
        var table = kind == EndpointKind.Command ? _commandsByKey : _queriesByKey;
        if (table.TryGetValue(routingKey, out var endpoint))
        {
            return endpoint;
        }

        throw new NoHandlerException(
            $"No {Describe(kind)} handler for routing key '{routingKey}'. Add [{Attribute(kind)}(\"{routingKey}\")] to a method, " +
            $"or check that its module is added in AddEstuary() (composed: {ModuleList()}).");
    }

    /// <summary>
    /// Sends a payload to the command or query handler registered for <paramref name="routingKey"/>;
    /// used by generated business-method implementations.
    /// </summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public System.Threading.Tasks.ValueTask<object?> SendRoutedAsync(string routingKey, object? payload, MessageHeaders? headers, System.Threading.CancellationToken cancellationToken)
    {
        var endpoint = _commandsByKey.TryGetValue(routingKey, out var command) ? command
            : _queriesByKey.TryGetValue(routingKey, out var query) ? query
            : throw new NoHandlerException(
                $"No command or query handler for routing key '{routingKey}'. Add [CommandHandler(\"{routingKey}\")] or [QueryHandler(\"{routingKey}\")] to a method, " +
                $"or check that its module is added in AddEstuary() (composed: {ModuleList()}).");
        return endpoint.DispatchAsync(this, payload, null, headers, routingKey, cancellationToken);
    }

    /// <summary>
    /// The route of an event published through the typed <c>PublishAsync</c>. When the static type is
    /// the run-time type, the route is cached per event type, which saves the dictionary lookup for the
    /// usual single host (another host in the same process just replaces the entry).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal EventRoute RouteFor<TEvent>(TEvent @event)
        where TEvent : notnull
    {
        // Inlined into the caller, TEvent is exact and the cache is a plain static field read.
        if (@event.GetType() == typeof(TEvent) && RouteCache<TEvent>.Entry is { } cached && ReferenceEquals(cached.Runtime, this))
        {
            return cached.Route;
        }

        return CacheRoute(@event);
    }

    private EventRoute CacheRoute<TEvent>(TEvent @event)
        where TEvent : notnull
    {
        var type = @event.GetType();
        var route = RouteFor(type);
        if (type == typeof(TEvent))
        {
            RouteCache<TEvent>.Entry = new CachedRoute(this, route);
        }

        return route;
    }

    internal EventRoute RouteFor(Type eventType) => _routesByType.GetOrAdd(eventType, static (type, runtime) => runtime.BuildRoute(type), this);

    internal EventRoute RouteFor(string eventName) => _routesByName.GetOrAdd(eventName, static (name, runtime) => runtime.BuildRoute(name), this);

    private EventRoute BuildRoute(Type eventType)
    {
        // Unregistered types (no handler and no [MessageName] in any module) match patterns by full name.
        var name = Messages.NameOf(eventType) ?? eventType.FullName;
        return Route(eventType, name);
    }

    private EventRoute BuildRoute(string eventName)
    {
        // An event arriving by name (from a routing-key publish or a transport) also reaches the
        // subscribers of the type registered under that name.
        var type = Messages.TryGetByName(eventName, out var registered) ? registered.ClrType : null;
        return Route(type, eventName);
    }

    private EventRoute Route(Type? eventType, string? name)
    {
        var subscribers = _eventEndpoints.Where(e => e.Accepts(eventType, name));
        return Route(subscribers);
    }

    private static EventRoute Route(IEnumerable<EventEndpoint> subscribers)
    {
        var array = subscribers.ToArray();
        return array.Length == 0 ? EventRoute.Empty : new EventRoute(array);
    }

    private static class RouteCache<TEvent>
    {
        public static CachedRoute? Entry;
    }

    private sealed record CachedRoute(EstuaryRuntime Runtime, EventRoute Route);

    private ModuleNotAddedException NotComposed(Endpoint endpoint) => new(
        $"{endpoint.Name} belongs to module '{endpoint.Description.ModuleName}', which is not added. " +
        $"Add it where the host is built: services.AddEstuary(estuary => estuary.AddModule<{endpoint.Description.ModuleName}>()). " +
        $"Composed modules: {ModuleList()}.");

    private string ModuleList() => Modules.Count == 0 ? "none" : string.Join(", ", Modules);

    private static FrozenDictionary<Type, IUntypedRequestEndpoint> IndexByType(Endpoint[] endpoints, EndpointKind kind)
    {
        var index = new Dictionary<Type, IUntypedRequestEndpoint>();
        foreach (var endpoint in endpoints)
        {
            // A message consumer takes whatever its channel holds; the buses never route to it.
            if (endpoint.Kind != kind || endpoint.MessageType is not { } type || endpoint.Description.MessageConsumer)
            {
                continue;
            }

            if (index.TryGetValue(type, out var existing))
            {
                throw new DuplicateHandlerException(
                    $"{Describe(kind)} '{type.Name}' has two handlers: {existing} and {endpoint.Name}. A {Describe(kind)} has exactly one handler; remove or rename one.");
            }

            index[type] = (IUntypedRequestEndpoint)endpoint;
        }

        return index.ToFrozenDictionary();
    }

    private static System.Text.Json.JsonSerializerOptions CombineJson(IReadOnlyList<EstuaryModule> modules)
    {
        var options = new System.Text.Json.JsonSerializerOptions
        {
            // Estuary's own documents (encrypted snapshots) after the modules' types.
            TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine([.. modules.SelectMany(static m => m.JsonResolvers), JsonNodeContext.Default]),
        };
        options.MakeReadOnly();
        return options;
    }

    private static FrozenDictionary<string, Endpoint> IndexAsynchronous(Endpoint[] endpoints, ChannelRouter channels)
    {
        var index = new Dictionary<string, Endpoint>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Channel is not { } channel)
            {
                continue;
            }

            if (!channels.IsDeclared(channel))
            {
                // Thrown by the lookup, with the list of declared channels and how to declare one.
                channels.Get(channel);
            }

            if (index.TryGetValue(endpoint.EndpointId, out var existing))
            {
                throw new DuplicateHandlerException(
                    $"Asynchronous endpoints {existing} and {endpoint.Name} share the endpoint id '{endpoint.EndpointId}', which selects the handler of a received message. Give one of them another EndpointId.");
            }

            index[endpoint.EndpointId] = endpoint;
        }

        return index.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static FrozenDictionary<string, Endpoint> IndexDefaults(IReadOnlyList<Channels.ChannelRegistration> channels, FrozenDictionary<string, Endpoint> asynchronous)
    {
        var index = new Dictionary<string, Endpoint>(StringComparer.Ordinal);
        foreach (var consumer in asynchronous.Values.Where(static e => e.Description.MessageConsumer))
        {
            if (index.TryGetValue(consumer.Channel!, out var existing))
            {
                throw new DuplicateHandlerException(
                    $"Channel '{consumer.Channel}' has two message consumers, {existing} and {consumer.Name}: a channel's messages that name no endpoint go to one. Give one of them another channel.");
            }

            index[consumer.Channel!] = consumer;
        }

        foreach (var channel in channels)
        {
            if (channel.Consumer.DefaultEndpointId is not { } id)
            {
                continue;
            }

            if (!asynchronous.TryGetValue(id, out var endpoint) || endpoint.Channel != channel.Name)
            {
                throw new InvalidOperationException(
                    $"Channel '{channel.Name}' names '{id}' as its default endpoint (ConsumerSettings.DefaultEndpointId), but no asynchronous endpoint of that channel has this id. " +
                    $"Endpoints of the channel: {string.Join(", ", asynchronous.Values.Where(e => e.Channel == channel.Name).Select(static e => e.EndpointId).DefaultIfEmpty("none"))}.");
            }

            index[channel.Name] = endpoint;
        }

        return index.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static FrozenDictionary<string, IUntypedRequestEndpoint> IndexByKey(Endpoint[] endpoints, EndpointKind kind)
    {
        var index = new Dictionary<string, IUntypedRequestEndpoint>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Kind != kind || endpoint.Description.RoutingKey is not { } key)
            {
                continue;
            }

            if (index.TryGetValue(key, out var existing))
            {
                throw new DuplicateHandlerException(
                    $"Routing key '{key}' has two {Describe(kind)} handlers: {existing} and {endpoint.Name}. Give one of them another key.");
            }

            index[key] = (IUntypedRequestEndpoint)endpoint;
        }

        return index.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string Describe(EndpointKind kind) => kind == EndpointKind.Command ? "command" : kind == EndpointKind.Query ? "query" : "event";

    private static string Attribute(EndpointKind kind) => kind == EndpointKind.Command ? "CommandHandler" : kind == EndpointKind.Query ? "QueryHandler" : "EventHandler";
}
