namespace Estuary.SourceGeneration;

/// <summary>An attribute on a handler method or its class, which generated code rebuilds from its compile-time arguments.</summary>
internal sealed record AttributeModel
{
    /// <summary>The attribute's type, <c>global::</c>-qualified.</summary>
    public required string TypeName { get; init; }

    /// <summary>The type and its base types, which attribute pointcuts match.</summary>
    public required EquatableArray<string> TypeHierarchy { get; init; }

    /// <summary>The constructor's arguments, each as a C# literal.</summary>
    public required EquatableArray<string> Arguments { get; init; }

    /// <summary>The properties and fields set by name, each with its value as a C# literal.</summary>
    public required EquatableArray<NamedArgumentModel> NamedArguments { get; init; }

    /// <summary>Whether it is on the method (else on its class).</summary>
    public required bool OnMethod { get; init; }
}
