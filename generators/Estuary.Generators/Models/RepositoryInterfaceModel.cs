namespace Estuary.SourceGeneration;

/// <summary>An interface with [Repository] methods; it gets a generated implementation.</summary>
internal sealed record RepositoryInterfaceModel(TypeRef Interface, string Namespace, EquatableArray<RepositoryMethodModel> Methods);
