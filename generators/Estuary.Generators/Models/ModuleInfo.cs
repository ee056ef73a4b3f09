namespace Estuary.SourceGeneration;

/// <summary>Facts about the compilation the module is generated for.</summary>
internal sealed record ModuleInfo(string AssemblyName, string Namespace, string ClassName);
