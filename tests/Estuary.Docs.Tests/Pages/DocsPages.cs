using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Estuary.Docs.Tests;

/// <summary>The Markdown pages whose C# blocks must compile: <c>README.md</c> and <c>docs/**/*.md</c>.</summary>
internal static class DocsPages
{
    /// <summary>
    /// Pages being rewritten; remove once annotated. Their blocks are not compiled until then, so a
    /// rewrite in progress does not fail the build; everything else under docs/ is checked.
    /// </summary>
    public static readonly IReadOnlyList<string> PagesBeingRewritten =
    [
    ];

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Repository-relative paths with forward slashes, e.g. <c>docs/handlers.md</c>, in a stable order.</summary>
    public static IReadOnlyList<string> Checked() =>
        All().Where(page => !PagesBeingRewritten.Contains(page, StringComparer.Ordinal)).ToList();

    public static IReadOnlyList<string> All()
    {
        var docs = Directory.GetFiles(Path.Combine(RepositoryRoot, "docs"), "*.md", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(RepositoryRoot, path).Replace('\\', '/'));
        return docs.Prepend("README.md").Order(StringComparer.Ordinal).ToList();
    }

    public static string Read(string page) => File.ReadAllText(Path.Combine(RepositoryRoot, page));

    // The tests run from bin/; the sources stay in the tree, so walk up to the solution file.
    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Toolkit.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No Toolkit.sln above {AppContext.BaseDirectory}: the docs tests read the pages from the source tree, so run them from a clone.");
    }
}
