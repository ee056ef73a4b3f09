using System.Collections.Generic;
using Estuary.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.Runtime;

/// <summary>What <c>AddEstuary</c> captured: the modules, the channels, the options, and the service collection to read lifetimes from.</summary>
internal sealed class EstuaryComposition(
    IReadOnlyList<EstuaryModule> modules, IReadOnlyList<ChannelRegistration> channels, EstuaryOptions options, IServiceCollection services, DistributedBusSettings? distributed = null)
{
    public IReadOnlyList<EstuaryModule> Modules { get; } = modules;

    public IReadOnlyList<ChannelRegistration> Channels { get; } = channels;

    public EstuaryOptions Options { get; } = options;

    public IServiceCollection Services { get; } = services;

    /// <summary>Set by <c>UseDistributedBus</c>.</summary>
    public DistributedBusSettings? Distributed { get; } = distributed;
}
