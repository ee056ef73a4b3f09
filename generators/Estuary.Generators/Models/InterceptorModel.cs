namespace Estuary.SourceGeneration;

/// <summary>An interceptor method and where it applies.</summary>
internal sealed record InterceptorModel
{
    /// <summary>[Before], [Around] or [After].</summary>
    public required InterceptorKind Kind { get; init; }

    /// <summary>The class declaring the method.</summary>
    public required TypeRef DeclaringType { get; init; }

    /// <summary>Whether the method is static: called without resolving its class.</summary>
    public required bool IsStatic { get; init; }

    /// <summary>The method's name as declared.</summary>
    public required string MethodName { get; init; }

    /// <summary>Lower runs first (outermost for [Around]); ties are ordered by name.</summary>
    public required int Precedence { get; init; }

    /// <summary>What selects the handlers it applies to.</summary>
    public required PointcutKind Pointcut { get; init; }

    /// <summary>The type or attribute the pointcut names, if any.</summary>
    public required string? PointcutType { get; init; }

    /// <summary>The namespace the pointcut is limited to, if any.</summary>
    public required string? Namespace { get; init; }

    /// <summary>A [Before] that returns headers to merge into the message (ChangeHeaders = true).</summary>
    public required bool ChangeHeaders { get; init; }

    /// <summary>What the method returns.</summary>
    public required ReturnKind Return { get; init; }

    /// <summary>The type it returns (unwrapped from a task), if any.</summary>
    public required string? ResultType { get; init; }

    /// <summary>The message type its first parameter narrows to, if it is narrower than object.</summary>
    public required string? MessageType { get; init; }

    /// <summary>Its parameters, each with its binding.</summary>
    public required EquatableArray<ParameterModel> Parameters { get; init; }

    /// <summary>The class's single public constructor, to register it without reflection.</summary>
    public required ConstructorModel? Constructor { get; init; }

    /// <summary>The message parameter is non-nullable: not woven into handlers without a message (PointcutSpec.RequiresMessage).</summary>
    public bool RequiresMessage { get; init; }

    public string DisplayName => DeclaringType.Name + "." + MethodName;

    public string SortKey => DeclaringType.FullName + "." + MethodName;
}
