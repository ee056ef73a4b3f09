using System;
using System.Collections.Generic;

namespace Estuary.Docs.Tests;

/// <summary>Finds the <c>```csharp</c> blocks of a page, with their section and snippet comment.</summary>
internal static class MarkdownSnippets
{
    private const string Fence = "```";
    private const string CSharpFence = "```csharp";

    public static IReadOnlyList<Snippet> Read(string page, string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var snippets = new List<Snippet>();
        var section = "";
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("#", StringComparison.Ordinal))
            {
                section = line.Trim();
            }

            if (!line.TrimStart().StartsWith(Fence, StringComparison.Ordinal))
            {
                continue;
            }

            var end = i + 1;
            while (end < lines.Length && lines[end].Trim() != Fence)
            {
                end++;
            }

            if (line.Trim() == CSharpFence)
            {
                var code = string.Join('\n', lines[(i + 1)..end]);
                snippets.Add(new Snippet(page, i + 2, section, code, AnnotationAbove(lines, i, page)));
            }

            i = end;
        }

        return snippets;
    }

    // The comment may be separated from the fence by blank lines, nothing else.
    private static SnippetAnnotation AnnotationAbove(string[] lines, int fence, string page)
    {
        var last = fence - 1;
        while (last >= 0 && lines[last].Trim().Length == 0)
        {
            last--;
        }

        if (last < 0 || !lines[last].TrimEnd().EndsWith("-->", StringComparison.Ordinal))
        {
            return SnippetAnnotation.None;
        }

        var first = last;
        while (first >= 0 && !lines[first].TrimStart().StartsWith("<!--", StringComparison.Ordinal))
        {
            first--;
        }

        return first >= 0 && lines[first].TrimStart().StartsWith(SnippetAnnotation.Prefix, StringComparison.Ordinal)
            ? SnippetAnnotation.Parse(lines[first..(last + 1)], first + 1, page)
            : SnippetAnnotation.None;
    }
}
