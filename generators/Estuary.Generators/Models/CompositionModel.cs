namespace Estuary.SourceGeneration;

/// <summary>
/// What the module-wide files (the module with its registry and registrations, the typed bus
/// overloads) are made from: slim summaries of the handler classes and the compilation's other parts.
/// </summary>
internal sealed record CompositionModel
{
    public required ModuleInfo Module { get; init; }

    public required EquatableArray<HandlerTypeSummary> HandlerTypes { get; init; }

    public required EquatableArray<InterceptorModel> Interceptors { get; init; }

    public required EquatableArray<JsonContextModel> JsonContexts { get; init; }

    public required EquatableArray<GatewayModel> Gateways { get; init; }

    public required EquatableArray<BusinessInterfaceModel> BusinessInterfaces { get; init; }

    /// <summary>Types registered without a handler here: [MessageName], [NamedEvent] and applied events.</summary>
    public required EquatableArray<MessageRef> NamedMessages { get; init; }

    /// <summary>Interfaces with [Repository] methods.</summary>
    public required EquatableArray<RepositoryInterfaceModel> Repositories { get; init; }

    /// <summary>The interfaces of [ProjectionStateGateway] methods, each implemented and registered.</summary>
    public required EquatableArray<StateGatewayModel> StateGateways { get; init; }

    /// <summary>[Upcaster] methods.</summary>
    public required EquatableArray<UpcasterModel> Upcasters { get; init; }

    /// <summary>The model of a compilation with nothing found yet: the generator adds each part.</summary>
    public static CompositionModel Empty(ModuleInfo module) => new()
    {
        Module = module,
        HandlerTypes = EquatableArray<HandlerTypeSummary>.Empty,
        Interceptors = EquatableArray<InterceptorModel>.Empty,
        JsonContexts = EquatableArray<JsonContextModel>.Empty,
        Gateways = EquatableArray<GatewayModel>.Empty,
        BusinessInterfaces = EquatableArray<BusinessInterfaceModel>.Empty,
        NamedMessages = EquatableArray<MessageRef>.Empty,
        Repositories = EquatableArray<RepositoryInterfaceModel>.Empty,
        StateGateways = EquatableArray<StateGatewayModel>.Empty,
        Upcasters = EquatableArray<UpcasterModel>.Empty,
    };

    public bool IsEmpty => HandlerTypes.IsEmpty && Gateways.IsEmpty && BusinessInterfaces.IsEmpty && NamedMessages.IsEmpty && Repositories.IsEmpty && StateGateways.IsEmpty;
}
