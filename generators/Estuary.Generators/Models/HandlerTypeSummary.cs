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

    /// <summary>Whether the class is a projection: the module lists its definition (<c>{Holder}.Projection</c>).</summary>
    public required bool IsProjection { get; init; }

    /// <summary>The aggregates the class's endpoints load and save.</summary>
    public required EquatableArray<StoredAggregate> Aggregates { get; init; }
}
