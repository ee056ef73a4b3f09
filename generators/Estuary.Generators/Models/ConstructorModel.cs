namespace Estuary.SourceGeneration;

/// <summary>The single public constructor of a handler class, used to register it without reflection.</summary>
internal sealed record ConstructorModel(EquatableArray<string> ParameterTypes);
