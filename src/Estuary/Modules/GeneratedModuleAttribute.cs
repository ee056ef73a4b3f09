using System;
using System.ComponentModel;

namespace Estuary.Runtime;

/// <summary>
/// Emitted by the generator on every assembly that has Estuary endpoints, pointing at the
/// generated module, so analyzers in referencing projects can check it is composed.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class GeneratedModuleAttribute : Attribute
{
    /// <summary>Records <paramref name="moduleType"/> as the assembly's module.</summary>
    public GeneratedModuleAttribute(Type moduleType) => ModuleType = moduleType;

    /// <summary>The generated module class.</summary>
    public Type ModuleType { get; }
}
