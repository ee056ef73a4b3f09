namespace Estuary.SourceGeneration;

/// <summary>An aggregate an action returns: saved as new after the acting instance, its identifier read from it.</summary>
internal sealed record CreatedAggregateModel(string TypeName, string Name, EquatableArray<IdentifierModel> Identifiers, string? EventsMethod, VersionMemberModel? Version)
{
    /// <summary>What the generated definition of the created type says.</summary>
    public required StoredDefinitionModel Definition { get; init; }
}
