using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>
/// Adds the generator's files under hint names the compiler accepts whatever the user's names are:
/// <c>Estuary.{namespace}.{type}.{artifact}.g.cs</c>, with characters a hint name may not hold
/// (<c>@</c> of a keyword, generic brackets) replaced, and a suffix when two names end up the same.
/// </summary>
internal sealed class GeneratedFiles(SourceProductionContext output)
{
    private readonly HashSet<string> _used = new(System.StringComparer.OrdinalIgnoreCase);

    public void Add(string ns, string type, string artifact, string text)
    {
        var stem = Sanitize("Estuary." + (ns.Length == 0 ? string.Empty : ns + ".") + type + "." + artifact);
        var name = stem;
        for (var i = 2; !_used.Add(name); i++)
        {
            name = stem + "_" + i;
        }

        output.AddSource(name + ".g.cs", text);
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
