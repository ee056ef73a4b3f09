using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>
/// Hint names the compiler accepts whatever the user's names are:
/// <c>Estuary.{namespace}.{type}.{artifact}.g.cs</c>, with characters a hint name may not hold
/// (<c>@</c> of a keyword, generic brackets) replaced. Each file is added by its own output, so two
/// types whose names end up the same (hint names ignore case) are told apart by a hash of their full
/// names, computed from the list of such types that <see cref="Ambiguous"/> collects.
/// </summary>
internal static class GeneratedFiles
{
    public static void Add(SourceProductionContext output, string ns, TypeRef type, string artifact, string text, EquatableArray<string> ambiguous)
    {
        var stem = Stem(ns, type);
        if (ambiguous.Contains(type.FullName))
        {
            stem += "_" + Hash(type.FullName);
        }

        output.AddSource(stem + "." + artifact + ".g.cs", text);
    }

    /// <summary>A module-wide file: the module's own names are unique.</summary>
    public static void Add(SourceProductionContext output, ModuleInfo module, string artifact, string text) =>
        output.AddSource(Sanitize("Estuary." + (module.Namespace.Length == 0 ? string.Empty : module.Namespace + ".") + module.ClassName + "." + artifact) + ".g.cs", text);

    /// <summary>The full names of the types whose file stems collide with another's.</summary>
    public static EquatableArray<string> Ambiguous(IEnumerable<(string Namespace, TypeRef Type)> types) =>
        types
            .GroupBy(t => Stem(t.Namespace, t.Type).ToUpperInvariant())
            .Where(g => g.Select(t => t.Type.FullName).Distinct().Count() > 1)
            .SelectMany(g => g.Select(t => t.Type.FullName))
            .Distinct()
            .OrderBy(n => n, System.StringComparer.Ordinal)
            .ToEquatableArray();

    private static string Stem(string ns, TypeRef type) => Sanitize("Estuary." + (ns.Length == 0 ? string.Empty : ns + ".") + NestedName(type, ns));

    // Nested types may share a short name: hint names use the path inside the namespace (Outer.Handler).
    private static string NestedName(TypeRef type, string ns)
    {
        var prefix = "global::" + (ns.Length == 0 ? string.Empty : ns + ".");
        return type.FullName.StartsWith(prefix, System.StringComparison.Ordinal) ? type.FullName.Substring(prefix.Length) : type.Name;
    }

    // FNV-1a: stable across processes and runtimes, unlike string.GetHashCode.
    private static string Hash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string Sanitize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == '@')
            {
                continue;
            }

            builder.Append(char.IsLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
        }

        return builder.ToString();
    }
}
