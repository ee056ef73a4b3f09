namespace Estuary.SourceGeneration;

/// <summary>An interface whose methods carry [BusinessMethod].</summary>
internal sealed record BusinessInterfaceModel(TypeRef Interface, string Namespace, EquatableArray<BusinessMethodModel> Methods);
