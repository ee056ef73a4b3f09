using System.Collections.Generic;
using Estuary.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Estuary.Tests;

/// <summary>A module built by hand from endpoint instances, standing in for a generated one.</summary>
public abstract class HandWrittenModule(IReadOnlyList<Endpoint> endpoints, IReadOnlyList<MessageType>? messageTypes = null) : EstuaryModule
{
    public override string Name => GetType().Name;

    public override IReadOnlyList<Endpoint> Endpoints => endpoints;

    public override IReadOnlyList<MessageType> MessageTypes => messageTypes ?? [];

    public int ConfigureServicesCalls { get; private set; }

    public EstuaryOptions? ConfiguredWith { get; private set; }

    public override void ConfigureServices(IServiceCollection services, EstuaryOptions options)
    {
        ConfigureServicesCalls++;
        ConfiguredWith = options;
    }
}

// AddEstuary composes one module per class, so tests needing several modules use several classes.
public sealed class FirstModule(IReadOnlyList<Endpoint> endpoints, IReadOnlyList<MessageType>? messageTypes = null) : HandWrittenModule(endpoints, messageTypes)
{
    public FirstModule()
        : this([])
    {
    }
}

public sealed class SecondModule(IReadOnlyList<Endpoint> endpoints, IReadOnlyList<MessageType>? messageTypes = null) : HandWrittenModule(endpoints, messageTypes)
{
    public SecondModule()
        : this([])
    {
    }
}
