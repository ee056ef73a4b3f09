namespace Estuary.SourceGeneration;

/// <summary>A JsonSerializerContext declared in the compilation and the types it covers.</summary>
internal sealed record JsonContextModel(string TypeName, EquatableArray<string> Types);
