namespace Estuary.SourceGeneration;

/// <summary>The [AggregateVersion] member, and whether it is an int (the store's version is a long).</summary>
internal sealed record VersionMemberModel(string Member, bool IsInt);
