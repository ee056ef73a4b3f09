namespace Estuary.SourceGeneration;

/// <summary>A method of a user's interface as declared, which the generated class implements with the same signature.</summary>
internal sealed record DeclaredMethodModel
{
    /// <summary>The return type, <c>global::</c>-qualified, or <c>void</c>.</summary>
    public required string ReturnType { get; init; }

    /// <summary>The method's name, unescaped.</summary>
    public required string Name { get; init; }

    /// <summary>Every parameter in declaration order.</summary>
    public required EquatableArray<DeclaredParameterModel> Parameters { get; init; }
}
