namespace Estuary.SourceGeneration;

/// <summary>What one per-item file (a handler class's endpoints, a gateway, a repository) is made from.</summary>
/// <param name="Item">The item's own model.</param>
/// <param name="Interceptors">Every interceptor of the compilation, woven where it applies.</param>
/// <param name="Module">The module the generated code belongs to.</param>
/// <param name="Ambiguous">The full names of the types whose file names collide with another's.</param>
internal sealed record FileInput<T>(T Item, EquatableArray<InterceptorModel> Interceptors, ModuleInfo Module, EquatableArray<string> Ambiguous);
