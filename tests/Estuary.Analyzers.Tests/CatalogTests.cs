using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Estuary.Analyzers.Tests;

/// <summary>The catalog, the docs and the release tracking file must list the same diagnostics.</summary>
public sealed class CatalogTests
{
    private static readonly string s_root = FindRepositoryRoot();

    public static TheoryData<string> Ids => new(Descriptors().Select(d => d.Id));

    [Fact]
    public void Every_catalog_descriptor_is_reported_by_exactly_one_analyzer()
    {
        var supported = Analyzers().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToList();

        Assert.Equal(Descriptors().Select(d => d.Id).OrderBy(id => id), supported.OrderBy(id => id));
    }

    [Fact]
    public void Ids_are_numbered_without_gaps_from_EST0001()
    {
        var ids = Descriptors().Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal).ToList();

        Assert.Equal(Enumerable.Range(1, ids.Count).Select(n => "EST" + n.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)), ids);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_diagnostic_has_a_docs_page_its_help_link_points_to(string id)
    {
        var descriptor = Descriptors().Single(d => d.Id == id);
        var page = Path.Combine(s_root, "docs", "diagnostics", id + ".md");

        Assert.True(File.Exists(page), $"docs/diagnostics/{id}.md is missing");
        Assert.StartsWith("# " + id + ":", File.ReadAllLines(page)[0], StringComparison.Ordinal);
        Assert.Equal("https://github.com/estuary-dotnet/estuary/blob/main/docs/diagnostics/" + id + ".md", descriptor.HelpLinkUri);
        Assert.Contains("[" + id + "](" + id + ".md)", File.ReadAllText(Path.Combine(s_root, "docs", "diagnostics", "README.md")), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_diagnostic_is_tracked_for_release_with_its_category_and_severity(string id)
    {
        var descriptor = Descriptors().Single(d => d.Id == id);
        var tracked = ReleaseTrackingRows().Where(r => r[0] == id).ToList();

        var row = Assert.Single(tracked);
        Assert.Equal(descriptor.Category, row[1]);
        Assert.Equal(descriptor.DefaultSeverity.ToString(), row[2]);
    }

    [Fact]
    public void Every_message_is_one_sentence_naming_the_problem_then_what_to_do()
    {
        foreach (var descriptor in Descriptors())
        {
            var message = descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.False(message.EndsWith('.'), descriptor.Id + ": single-sentence messages end without a period");
            Assert.Contains(":", message, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<DiagnosticDescriptor> Descriptors() =>
        typeof(Analyzers.Descriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!);

    private static IEnumerable<DiagnosticAnalyzer> Analyzers() =>
        typeof(Analyzers.Descriptors).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!);

    private static IEnumerable<string[]> ReleaseTrackingRows() =>
        new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .SelectMany(f => File.ReadAllLines(Path.Combine(s_root, "analyzers", "Estuary.Analyzers", f)))
            .Where(l => l.StartsWith("EST", StringComparison.Ordinal))
            .Select(l => l.Split('|').Select(c => c.Trim()).ToArray());

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Toolkit.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Toolkit.sln not found above " + AppContext.BaseDirectory);
    }
}
