namespace Estuary.SourceGeneration;

/// <summary>One business method: where it routes, what it passes and what it returns.</summary>
internal sealed record BusinessMethodModel(
    string Name,
    string RoutingKey,
    string? PayloadParameter,
    string? PayloadType,
    EquatableArray<ParameterModel> Parameters,
    ReturnKind Return,
    string? ResultType,
    string ReturnTypeName,
    string ParameterList);
