using System.Collections.Generic;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.Runtime;

/// <summary>What <c>AddEstuary</c> captured: the modules, and the service collection to read lifetimes from.</summary>
internal sealed class EstuaryComposition(IReadOnlyList<EstuaryModule> modules, IServiceCollection services)
{
    public IReadOnlyList<EstuaryModule> Modules { get; } = modules;

    public IServiceCollection Services { get; } = services;
}
