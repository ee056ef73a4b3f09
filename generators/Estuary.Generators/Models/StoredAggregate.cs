namespace Estuary.SourceGeneration;

/// <summary>An aggregate an endpoint stores: in the document store, or in the event store when <see cref="EventSourced"/> is set.</summary>
internal sealed record StoredAggregate
{
    public required string TypeName { get; init; }

    public required string Name { get; init; }

    public required EventSourcedModel? EventSourced { get; init; }

    /// <summary>The definition generated for a state-stored type; <see langword="null"/> when only a [Repository] interface names it.</summary>
    public required StoredDefinitionModel? Definition { get; init; }
}
