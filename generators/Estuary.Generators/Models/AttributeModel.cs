namespace Estuary.SourceGeneration;

/// <summary>An attribute on a handler method or its class, rebuilt in generated code as a C# expression.</summary>
internal sealed record AttributeModel(string TypeName, EquatableArray<string> TypeHierarchy, string CreationExpression, bool OnMethod);
