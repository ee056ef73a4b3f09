namespace Estuary.SourceGeneration;

/// <summary>A parameter of a <see cref="DeclaredMethodModel"/>: its type (<c>global::</c>-qualified) and its name, unescaped.</summary>
internal sealed record DeclaredParameterModel(string TypeName, string Name);
