namespace Estuary.SourceGeneration;

/// <summary>
/// A state-stored aggregate or saga type as its generated StoredAggregateDefinition describes it:
/// storage name, [Identifier] members (in declaration order), version, completion and events members.
/// </summary>
/// <param name="DefinitionClass">The generated class, nested in the module.</param>
internal sealed record StoredDefinitionModel(
    string DefinitionClass,
    string TypeName,
    string Name,
    EquatableArray<string> Identifiers,
    VersionMemberModel? Version,
    string? CompletedMember,
    string? EventsMethod);
