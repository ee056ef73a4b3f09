using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Estuary.Docs.Tests;

/// <summary>What one block's compilation said about it.</summary>
/// <param name="Diagnostics">Errors, and Estuary diagnostics of any visible severity, located in the block (or its
/// hidden context), plus those in generated code or in the page's shared usings, which no single block owns.</param>
/// <param name="Source">The C# file the block became, for a reader chasing an error in the wrapping.</param>
internal sealed record SnippetOutcome(ImmutableArray<Diagnostic> Diagnostics, string Source);

/// <summary>
/// Blocks of a page compiled together: a block, then every following block marked <c>continues</c>
/// (a block marked <c>aside</c> in between is compiled on its own).
/// Usings written in one block hold for the whole group, as a reader of the page assumes.
/// </summary>
internal sealed class SnippetGroup(IReadOnlyList<Snippet> snippets)
{
    public IReadOnlyList<Snippet> Snippets { get; } = snippets;

    /// <summary>Splits a page's blocks into groups; ignored blocks belong to none.</summary>
    public static IReadOnlyList<SnippetGroup> Of(IEnumerable<Snippet> page)
    {
        var groups = new List<List<Snippet>>();
        List<Snippet>? current = null;
        foreach (var snippet in page.Where(s => s.Annotation.IgnoreReason is null))
        {
            if (snippet.Annotation.Aside)
            {
                groups.Add([snippet]);
            }
            else if (snippet.Annotation.Continues && current is not null)
            {
                current.Add(snippet);
            }
            else
            {
                current = [snippet];
                groups.Add(current);
            }
        }

        return groups.Select(g => new SnippetGroup(g)).ToList();
    }

    public async Task<IReadOnlyDictionary<Snippet, SnippetOutcome>> CompileAsync()
    {
        var files = new List<SnippetFile>();
        var variables = new Dictionary<string, string>();
        foreach (var snippet in Snippets)
        {
            var file = SnippetSource.Create(snippet, variables);
            foreach (var (name, type) in file.Variables)
            {
                variables[name] = type;
            }

            files.Add(file);
        }

        var trees = files.Select(f => f.Tree).ToImmutableArray();
        var projects = Snippets.SelectMany(s => s.Annotation.Modules).Distinct().Select(ReferencedModules.For);
        var diagnostics = await DocsCompiler.CompileAsync(trees.Add(SharedUsings(trees)), projects);
        var owned = trees.ToHashSet();
        var reported = diagnostics.Where(Matters).ToImmutableArray();
        var shared = reported.Where(d => d.Location.SourceTree is not { } tree || !owned.Contains(tree)).ToImmutableArray();
        return files.ToDictionary(f => f.Snippet, f => Outcome(f, reported, shared));
    }

    // Errors in generated code mostly follow from a block's own errors; they are news only without those.
    private static SnippetOutcome Outcome(SnippetFile file, ImmutableArray<Diagnostic> reported, ImmutableArray<Diagnostic> shared)
    {
        var own = reported.Where(d => d.Location.SourceTree == file.Tree).ToImmutableArray();
        var hasCompilerErrors = own.Any(d => !d.Id.StartsWith("EST", System.StringComparison.Ordinal));
        return new SnippetOutcome(hasCompilerErrors ? own : own.AddRange(shared), file.Tree.ToString());
    }

    // Warnings of the compiler are a reader's business; errors and Estuary's own findings are the docs'.
    private static bool Matters(Diagnostic diagnostic) =>
        diagnostic.Severity == DiagnosticSeverity.Error
        || (diagnostic.Id.StartsWith("EST", System.StringComparison.Ordinal) && diagnostic.Severity != DiagnosticSeverity.Hidden);

    private SyntaxTree SharedUsings(IEnumerable<SyntaxTree> trees)
    {
        var usings = trees.SelectMany(t => t.GetCompilationUnitRoot().Usings)
            .Where(u => u.GlobalKeyword.RawKind == 0)
            .Select(u => "global " + u.WithoutTrivia().ToString())
            .Distinct();
        return CSharpSyntaxTree.ParseText(
            string.Concat(usings.Select(u => u + "\n")), DocsProject.ParseOptions, path: $"{Snippets[0].Page} (usings of its blocks)");
    }
}
