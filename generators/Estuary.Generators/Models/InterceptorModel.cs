namespace Estuary.SourceGeneration;

/// <summary>An interceptor method and where it applies.</summary>
internal sealed record InterceptorModel(
    InterceptorKind Kind,
    TypeRef DeclaringType,
    bool IsStatic,
    string MethodName,
    int Precedence,
    PointcutKind Pointcut,
    string? PointcutType,
    string? Namespace,
    bool ChangeHeaders,
    ReturnKind Return,
    string? ResultType,
    string? MessageType,
    EquatableArray<ParameterModel> Parameters,
    ConstructorModel? Constructor)
{
    /// <summary>The message parameter is non-nullable: not woven into handlers without a message (PointcutSpec.RequiresMessage).</summary>
    public bool RequiresMessage { get; init; }

    public string DisplayName => DeclaringType.Name + "." + MethodName;

    public string SortKey => DeclaringType.FullName + "." + MethodName;
}
