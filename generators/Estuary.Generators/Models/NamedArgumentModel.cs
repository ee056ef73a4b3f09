namespace Estuary.SourceGeneration;

/// <summary>An attribute's property or field set by name: the member (unescaped) and the value as a C# literal.</summary>
internal sealed record NamedArgumentModel(string Name, string Value);
