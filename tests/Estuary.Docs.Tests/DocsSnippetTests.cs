using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Estuary.Docs.Tests;

/// <summary>
/// Every ```csharp block of README.md and docs/ compiles against the Estuary libraries of this
/// repository, with its generator and analyzers running, so a page cannot show an API that does not exist.
/// </summary>
public sealed class DocsSnippetTests
{
    public static TheoryData<string> Blocks() =>
        [.. DocsCatalog.AllSnippets.Where(s => s.Annotation.IgnoreReason is null).Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Blocks))]
    public async Task Block_compiles_against_the_real_api(string block)
    {
        var snippet = DocsCatalog.Find(block);
        Assert.False(
            snippet.Annotation.Continues && DocsCatalog.SnippetsOf(snippet.Page).First(s => s.Annotation.IgnoreReason is null) == snippet,
            $"{snippet.Name}: marked 'continues', but no block before it on the page is compiled. Remove 'continues', or put the declarations it needs in the comment.");
        var outcome = (await DocsCatalog.CompiledAsync(snippet.Page))[snippet];
        if (DiagnosticPages.IsExample(snippet))
        {
            AssertShowsItsDiagnostics(snippet, outcome);
            return;
        }

        Assert.True(outcome.Diagnostics.IsEmpty, SnippetReport.Describe(snippet, "does not compile cleanly:", outcome.Diagnostics, outcome));
    }

    [Fact]
    public void Pages_being_rewritten_exist()
    {
        var missing = DocsPages.PagesBeingRewritten.Except(DocsPages.All()).ToList();
        Assert.True(missing.Count == 0, $"DocsPages.PagesBeingRewritten names pages that do not exist: {string.Join(", ", missing)}. Remove them from the list.");
    }

    [Fact]
    public void Docs_have_blocks_to_check() =>
        Assert.True(DocsCatalog.AllSnippets.Count() > 50, "Hardly any ```csharp block was found: is the repository root right?");

    // The example of a diagnostics page must cause exactly the diagnostics its comments name, its own among them.
    private static void AssertShowsItsDiagnostics(Snippet snippet, SnippetOutcome outcome)
    {
        var pageId = DiagnosticPages.DiagnosticOf(snippet.Page)!;
        var marked = DiagnosticPages.MarkedIds(snippet);
        Assert.True(
            marked.Contains(pageId),
            $"{snippet.Name}: the example of {pageId} must show it. Mark the line it is reported on with a comment, e.g. // {pageId}: why.");

        var errors = outcome.Diagnostics.Where(d => !d.Id.StartsWith("EST", System.StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, SnippetReport.Describe(snippet, "does not compile (an example may only show Estuary diagnostics):", errors, outcome));

        var reported = outcome.Diagnostics.Select(d => d.Id).Where(id => id.StartsWith("EST", System.StringComparison.Ordinal)).ToHashSet();
        var notReported = marked.Except(reported).Order().ToList();
        Assert.True(
            notReported.Count == 0,
            SnippetReport.Describe(snippet, $"its comments name {string.Join(", ", notReported)}, but the analyzers do not report it. Change the example so it shows the diagnostic, or drop the comment. Reported:", outcome.Diagnostics, outcome));
        var unmarked = outcome.Diagnostics.Where(d => !marked.Contains(d.Id)).ToList();
        Assert.True(
            unmarked.Count == 0,
            SnippetReport.Describe(snippet, "reports diagnostics its comments do not name. Mark each with a comment (// EST0028: why) or change the example:", unmarked, outcome));
    }
}
