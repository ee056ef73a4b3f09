using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Estuary.Docs.Tests;

/// <summary>
/// The pages under <c>docs/diagnostics/</c>: the block under <c>## Example</c> shows the page's diagnostic
/// and marks each diagnostic it causes with a comment naming its ID (<c>// EST0001: ...</c>); the blocks
/// under <c>## How to fix</c>, like every other block, must compile clean.
/// </summary>
internal static partial class DiagnosticPages
{
    public const string ExampleSection = "## Example";

    /// <summary>The ID a page documents (<c>docs/diagnostics/EST0005.md</c> gives EST0005), or null.</summary>
    public static string? DiagnosticOf(string page) => PagePattern().Match(page) is { Success: true } m ? m.Groups[1].Value : null;

    public static bool IsExample(Snippet snippet) => DiagnosticOf(snippet.Page) is not null && snippet.Section == ExampleSection;

    /// <summary>The IDs the block's comments name: what the example means to show.</summary>
    public static IReadOnlySet<string> MarkedIds(Snippet snippet) =>
        IdPattern().Matches(snippet.Code).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"^docs/diagnostics/(EST\d{4})\.md$")]
    private static partial Regex PagePattern();

    [GeneratedRegex(@"\bEST\d{4}\b")]
    private static partial Regex IdPattern();
}
