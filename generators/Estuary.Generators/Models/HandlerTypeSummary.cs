namespace Estuary.SourceGeneration;

/// <summary>
/// What the module needs to know about one handler class: its endpoints' names and messages, how to
/// construct the class, and the aggregates it stores. Parameters, interceptors and delivery options
/// are left out, so changing them rewrites the class's endpoints file and not the module.
/// </summary>
internal sealed record HandlerTypeSummary
{
    public required TypeRef Type { get; init; }

    public required string Namespace { get; init; }

    public required string Holder { get; init; }

    public required EquatableArray<EndpointSummary> Endpoints { get; init; }

    /// <summary>Whether the class is resolved from the container (an instance handler that is not an aggregate).</summary>
    public required bool IsService { get; init; }

    /// <summary>The constructor the registration calls, when the class is a service and has a single public one.</summary>
    public required ConstructorModel? Constructor { get; init; }

    /// <summary>The aggregates the class's endpoints load and save.</summary>
    public required EquatableArray<StoredAggregate> Aggregates { get; init; }
}

/// <summary>One endpoint as the module lists it and a typed bus overload targets it.</summary>
internal sealed record EndpointSummary
{
    public required string Field { get; init; }

    public required string DisplayName { get; init; }

    public required HandlerKind Kind { get; init; }

    public required MessageRef? Message { get; init; }

    public required string? ResultType { get; init; }

    /// <summary>Whether the message and result are public, so the typed overload can be.</summary>
    public required bool PublicSignature { get; init; }
}

/// <summary>An aggregate an endpoint stores: in the document store, or in the event store when <see cref="EventSourced"/> is set.</summary>
internal sealed record StoredAggregate
{
    public required string TypeName { get; init; }

    public required string Name { get; init; }

    public required EventSourcedModel? EventSourced { get; init; }

    /// <summary>The definition generated for a state-stored type; <see langword="null"/> when only a [Repository] interface names it.</summary>
    public required StoredDefinitionModel? Definition { get; init; }
}
