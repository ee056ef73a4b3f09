namespace Estuary.SourceGeneration;

/// <summary>Everything discovered in one compilation; the single input of all whole-module outputs.</summary>
internal sealed record CompositionModel(
    ModuleInfo Module,
    EquatableArray<HandlerModel> Handlers,
    EquatableArray<InterceptorModel> Interceptors,
    EquatableArray<JsonContextModel> JsonContexts,
    EquatableArray<GatewayModel> Gateways,
    EquatableArray<BusinessInterfaceModel> BusinessInterfaces,
    EquatableArray<MessageRef> NamedMessages)
{
    /// <summary>Interfaces with [Repository] methods.</summary>
    public EquatableArray<RepositoryInterfaceModel> Repositories { get; init; }

    /// <summary>[Upcaster] methods.</summary>
    public EquatableArray<UpcasterModel> Upcasters { get; init; }
}
