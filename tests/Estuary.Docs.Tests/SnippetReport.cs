using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Estuary.Docs.Tests;

/// <summary>Failure messages written for the docs writer who has to act on them.</summary>
internal static class SnippetReport
{
    public const string HowToAnnotate =
        "If the block is right but shows only part of a program, say what it needs in a comment right above the fence "
        + "(tests/Estuary.Docs.Tests/README.md): <!-- snippet: continues --> compiles it with the page's blocks before it; "
        + "lines after '<!-- snippet:' are hidden C# context (declarations, 'IEventStore events;' for a variable, "
        + "a line '...' where the block goes inside them); <!-- snippet: ignore: reason --> for a block that is not C#.";

    public static string Describe(Snippet snippet, string problem, IEnumerable<Diagnostic> diagnostics, SnippetOutcome outcome)
    {
        var text = new StringBuilder();
        text.Append(snippet.Name).Append(" (```csharp block");
        if (snippet.Section.Length > 0)
        {
            text.Append(" under \"").Append(snippet.Section).Append('"');
        }

        text.Append("): ").Append(problem).Append('\n');
        foreach (var diagnostic in diagnostics)
        {
            text.Append("  ").Append(Format(diagnostic)).Append('\n');
        }

        text.Append("Fix the docs to match the real API (read src/ for the truth; never change the library to fit a page). ")
            .Append(HowToAnnotate).Append('\n')
            .Append("The block compiled as: ").Append(WriteSource(snippet, outcome.Source));
        return text.ToString();
    }

    public static string Format(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetMappedLineSpan();
        var where = span.IsValid ? $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): " : "";
        return $"{where}{diagnostic.Severity.ToString().ToLowerInvariant()} {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    // Under bin/, never beside the docs: a failed run leaves nothing in the tree.
    private static string WriteSource(Snippet snippet, string source)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "DocsSnippets");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, snippet.Page.Replace('/', '_') + "_" + snippet.Line + ".cs");
        File.WriteAllText(path, source);
        return path;
    }
}
