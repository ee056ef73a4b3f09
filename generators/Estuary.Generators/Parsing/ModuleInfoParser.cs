using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.SourceGeneration;

/// <summary>Names the module of a compilation: <c>Shop.Orders</c> gives <c>Shop.Orders.OrdersModule</c>.</summary>
internal static class ModuleInfoParser
{
    public static (string AssemblyName, string? ChosenName) FromCompilation(Compilation compilation)
    {
        string? chosen = null;
        foreach (var attribute in compilation.Assembly.GetAttributes())
        {
            if (KnownAttributes.Is(attribute, KnownNames.EstuaryModuleAttribute)
                && attribute.ConstructorArguments.FirstOrDefault().Value is string name)
            {
                chosen = name;
            }
        }

        return (compilation.AssemblyName ?? "Assembly", chosen);
    }

    public static string? RootNamespace(AnalyzerConfigOptionsProvider options) =>
        options.GlobalOptions.TryGetValue("build_property.RootNamespace", out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    public static ModuleInfo Create((string AssemblyName, string? ChosenName) assembly, string? rootNamespace)
    {
        var ns = string.Join(".", (rootNamespace ?? assembly.AssemblyName).Split('.').Select(CSharpNames.Member));
        var lastSegment = assembly.AssemblyName.Split('.').Last();
        var name = CSharpNames.Sanitize(assembly.ChosenName ?? lastSegment);
        if (!name.EndsWith("Module", System.StringComparison.Ordinal))
        {
            name += "Module";
        }

        return new ModuleInfo(assembly.AssemblyName, ns, name);
    }
}
