using System.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace Estuary.SourceGeneration;

/// <summary>
/// Identifiers in generated code. A name taken from the user's code is escaped where it is emitted
/// (<c>@class</c>); a name the generator builds from user names is made of identifier characters and
/// escaped if it is a keyword; locals the generator declares use <see cref="Local"/>, so they cannot
/// clash with the user's parameter names.
/// </summary>
internal static class CSharpNames
{
    /// <summary>A user's name usable as an identifier: keywords (and <c>await</c>) get an <c>@</c> prefix.</summary>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) is SyntaxKind.AwaitKeyword
            ? "@" + name
            : name;

    /// <summary>A member name built from user names (<c>Orders_Place</c>): <see cref="Sanitize"/>d, and escaped if a keyword.</summary>
    public static string Member(string text) => Escape(Sanitize(text));

    /// <summary>Identifier characters only: others become <c>_</c>, a leading digit gets a <c>_</c> before it; <c>@</c> is dropped.</summary>
    public static string Sanitize(string text)
    {
        var name = new string(text.Where(c => c != '@').Select(c => char.IsLetterOrDigit(c) || c == '_' ? c : '_').ToArray());
        return name.Length == 0 || char.IsDigit(name[0]) ? "_" + name : name;
    }

    /// <summary>
    /// A local the generator declares next to user-named parameters: <paramref name="wanted"/>, or
    /// <paramref name="wanted"/> with a number when a parameter already has that name.
    /// </summary>
    public static string Local(string wanted, System.Collections.Generic.IEnumerable<string> taken)
    {
        var names = new System.Collections.Generic.HashSet<string>(taken, System.StringComparer.Ordinal);
        var name = wanted;
        for (var i = 1; names.Contains(name); i++)
        {
            name = wanted + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }
}
