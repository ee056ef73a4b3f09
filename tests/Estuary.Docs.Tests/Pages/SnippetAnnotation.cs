using System;
using System.Collections.Generic;
using System.Linq;

namespace Estuary.Docs.Tests;

/// <summary>
/// What the <c>&lt;!-- snippet: ... --&gt;</c> comment right above a block says (README.md of this project):
/// <c>continues</c> compiles it with the page's blocks before it, <c>ignore: reason</c> leaves it out, and
/// <c>modules: Orders, Billing</c> references projects with those modules, and the comment's further lines are
/// hidden C# context (a line <c>...</c> marks where the block goes).
/// </summary>
internal sealed record SnippetAnnotation(bool Continues, bool Aside, string? IgnoreReason, IReadOnlyList<string> Modules, string Context, int ContextLine)
{
    public const string Prefix = "<!-- snippet:";

    /// <summary>A block without a comment: a complete C# file of its own.</summary>
    public static readonly SnippetAnnotation None = new(false, false, null, [], "", 0);

    /// <summary>Parses a comment whose first line is <paramref name="firstLine"/> (1-based in the page).</summary>
    public static SnippetAnnotation Parse(IReadOnlyList<string> commentLines, int firstLine, string page)
    {
        var header = commentLines[0].Trim()[Prefix.Length..];
        var contextLines = commentLines.Skip(1).ToList();
        if (header.EndsWith("-->", StringComparison.Ordinal))
        {
            header = header[..^3];
        }
        else if (contextLines.Count > 0 && contextLines[^1].Trim() == "-->")
        {
            contextLines.RemoveAt(contextLines.Count - 1);
        }
        else
        {
            throw new FormatException($"{page}:{firstLine}: end the snippet comment with a line holding only '-->'.");
        }

        var continues = false;
        var aside = false;
        string? ignore = null;
        var modules = new List<string>();
        foreach (var keyword in Keywords(header.Trim()))
        {
            if (keyword == "continues")
            {
                continues = true;
            }
            else if (keyword == "aside")
            {
                aside = true;
            }
            else if (keyword.StartsWith("ignore:", StringComparison.Ordinal) && keyword.Length > "ignore:".Length)
            {
                ignore = keyword["ignore:".Length..].Trim();
            }
            else if (keyword.StartsWith("modules:", StringComparison.Ordinal))
            {
                modules.AddRange(keyword["modules:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
            else
            {
                throw new FormatException(
                    $"{page}:{firstLine}: unknown snippet keyword '{keyword}'. Use 'continues', 'aside', 'modules: Orders Billing', 'ignore: <why this block is not C#>', "
                    + "or put hidden C# context on the lines after '<!-- snippet:'.");
            }
        }

        return new SnippetAnnotation(continues, aside, ignore, modules, string.Join('\n', contextLines), firstLine + 1);
    }

    // "ignore: reason" takes the rest of the line, commas included.
    private static IEnumerable<string> Keywords(string header)
    {
        while (header.Length > 0)
        {
            if (header.StartsWith("ignore:", StringComparison.Ordinal))
            {
                yield return header;
                yield break;
            }

            var comma = header.IndexOf(',', StringComparison.Ordinal);
            yield return (comma < 0 ? header : header[..comma]).Trim();
            header = comma < 0 ? "" : header[(comma + 1)..].Trim();
        }
    }
}
