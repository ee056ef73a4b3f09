using Microsoft.CodeAnalysis;

namespace Estuary.Analyzers;

/// <summary>Whether a symbol belongs to Estuary's own packages, by namespace.</summary>
internal static class EstuaryNamespaces
{
    /// <summary>Estuary or a namespace in it; walked rather than formatted, as it runs for many invocations.</summary>
    public static bool Contains(INamespaceSymbol? ns)
    {
        if (ns is null || ns.IsGlobalNamespace)
        {
            return false;
        }

        while (ns.ContainingNamespace is { IsGlobalNamespace: false } parent)
        {
            ns = parent;
        }

        return ns.Name == "Estuary";
    }
}
