using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Estuary.Docs.Tests;

/// <summary>
/// The checked pages' blocks, read once, and each page compiled once (its groups in parallel) however
/// many test cases ask for its blocks.
/// </summary>
internal static class DocsCatalog
{
    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<Snippet>>> s_pages = new(() =>
        DocsPages.Checked().ToDictionary(page => page, page => MarkdownSnippets.Read(page, DocsPages.Read(page))));

    private static readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyDictionary<Snippet, SnippetOutcome>>>> s_compiled = new();

    public static IEnumerable<Snippet> AllSnippets => s_pages.Value.Values.SelectMany(snippets => snippets);

    public static IReadOnlyList<Snippet> SnippetsOf(string page) => s_pages.Value[page];

    public static Snippet Find(string name) => AllSnippets.Single(s => s.Name == name);

    public static Task<IReadOnlyDictionary<Snippet, SnippetOutcome>> CompiledAsync(string page) =>
        s_compiled.GetOrAdd(page, p => new Lazy<Task<IReadOnlyDictionary<Snippet, SnippetOutcome>>>(() => CompileAsync(p))).Value;

    private static async Task<IReadOnlyDictionary<Snippet, SnippetOutcome>> CompileAsync(string page)
    {
        var groups = SnippetGroup.Of(SnippetsOf(page));
        var results = await Task.WhenAll(groups.Select(g => Task.Run(g.CompileAsync)));
        return results.SelectMany(r => r).ToDictionary(r => r.Key, r => r.Value);
    }
}
