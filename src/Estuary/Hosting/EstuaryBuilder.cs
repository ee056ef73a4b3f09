using System;
using System.Collections.Generic;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary;

/// <summary>Composes generated modules into a host. Obtained from <c>AddEstuary</c>.</summary>
public sealed class EstuaryBuilder
{
    private readonly List<EstuaryModule> _modules = [];

    internal EstuaryBuilder(IServiceCollection services) => Services = services;

    /// <summary>The application's service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Host-wide settings.</summary>
    public EstuaryOptions Options { get; } = new();

    internal IReadOnlyList<EstuaryModule> Modules => _modules;

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
}
