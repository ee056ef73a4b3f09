using System;
using System.Collections.Generic;
using Estuary.Channels;
using Estuary.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary;

/// <summary>Composes generated modules into a host. Obtained from <c>AddEstuary</c>.</summary>
public sealed class EstuaryBuilder
{
    private readonly List<EstuaryModule> _modules = [];
    private readonly List<ChannelRegistration> _channels = [];

    internal EstuaryBuilder(IServiceCollection services) => Services = services;

    /// <summary>The application's service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Host-wide settings.</summary>
    public EstuaryOptions Options { get; } = new();

    /// <summary>The modules added so far, in order.</summary>
    public IReadOnlyList<EstuaryModule> Modules => _modules;

    /// <summary>The channels declared so far.</summary>
    public IReadOnlyList<ChannelRegistration> Channels => _channels;

    /// <summary>Whether a channel named <paramref name="name"/> is declared.</summary>
    public bool IsChannelDeclared(string name) => _channels.Exists(c => c.Name == name);

    /// <summary>Adds a generated module (each module is added once, however often this is called).</summary>
    public EstuaryBuilder AddModule<TModule>()
        where TModule : EstuaryModule, new() => AddModule(new TModule());

    /// <summary>Adds a generated module instance.</summary>
    public EstuaryBuilder AddModule(EstuaryModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (!_modules.Exists(m => m.GetType() == module.GetType()))
        {
            _modules.Add(module);
        }

        return this;
    }

    /// <summary>
    /// Declares a channel for <see cref="AsynchronousAttribute"/> endpoints. Transport packages add
    /// their own shortcuts (<c>AddPostgresChannel</c>); this is what they call.
    /// </summary>
    public EstuaryBuilder AddChannel(string name, Func<IServiceProvider, IMessageChannel> factory, Action<ConsumerSettings>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (_channels.Exists(c => c.Name == name))
        {
            throw new InvalidOperationException($"Channel '{name}' is declared twice. Declare each channel once in AddEstuary().");
        }

        var settings = new ConsumerSettings();
        configure?.Invoke(settings);
        _channels.Add(new ChannelRegistration(name, factory, settings));
        return this;
    }

    /// <summary>
    /// Joins this host, as service <paramref name="serviceName"/>, to a distributed bus: it can send
    /// commands to and publish events for the services of the map (<see cref="IDistributedBus"/>),
    /// and, when the map lists it, its <see cref="DistributedAttribute"/> handlers receive what other
    /// services send on its channel. Every channel the map names that this service sends to or receives
    /// on must be declared, with any transport.
    /// </summary>
    public EstuaryBuilder UseDistributedBus(string serviceName, Action<DistributedServiceMap> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        ArgumentNullException.ThrowIfNull(configure);
        if (Distributed is not null)
        {
            throw new InvalidOperationException("UseDistributedBus() was already called. A host is one service: call it once, with the whole map.");
        }

        var map = new DistributedServiceMap();
        configure(map);
        Distributed = new DistributedBusSettings(serviceName, map);
        return this;
    }

    /// <summary>The map given to <see cref="UseDistributedBus"/>, or <see langword="null"/> when the host is no service of a distributed bus.</summary>
    public DistributedServiceMap? DistributedMap => Distributed?.Map;

    /// <summary>Set by <see cref="UseDistributedBus"/>.</summary>
    internal DistributedBusSettings? Distributed { get; private set; }

    /// <summary>Declares an in-memory channel (see <see cref="InMemoryChannel"/>): messages are lost when the process ends.</summary>
    public EstuaryBuilder AddInMemoryChannel(string name, Action<ConsumerSettings>? configure = null) =>
        AddChannel(name, provider => new InMemoryChannel(name, provider.GetService<TimeProvider>()), configure);
}
