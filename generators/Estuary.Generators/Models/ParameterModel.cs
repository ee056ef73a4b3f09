namespace Estuary.SourceGeneration;

/// <summary>A parameter after the message.</summary>
internal sealed record ParameterModel(
    string Name,
    string TypeName,
    ParameterBinding Binding,
    string? HeaderName,
    HeaderConversion Conversion,
    string HeaderValueType,
    bool Optional,
    bool ValueTypeHeader);
