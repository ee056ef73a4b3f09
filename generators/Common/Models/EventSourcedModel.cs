namespace Estuary.SourceGeneration;

/// <summary>An [EventSourcingAggregate] as generated code needs it: names, apply methods, identifier, version.</summary>
/// <param name="DefinitionClass">The generated EventSourcedAggregate subclass.</param>
/// <param name="HoldsSensitiveData">Whether an applied event has [Sensitive] members: the state may hold them, so snapshots are encrypted.</param>
internal sealed record EventSourcedModel(
    string DefinitionClass,
    string TypeName,
    string StreamPrefix,
    int SnapshotEvery,
    string? Table,
    EquatableArray<ApplyModel> Applies,
    EquatableArray<IdentifierModel> Identifiers,
    VersionMemberModel? Version,
    string? EventsMethod,
    bool HoldsSensitiveData);
