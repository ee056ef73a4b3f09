using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Estuary.Docs.Tests;

/// <summary>
/// What the docs project references: the .NET 10 reference assemblies (offline, from
/// Basic.Reference.Assemblies.Net100) and, from this test's output folder, the Estuary libraries built
/// with this repository and the packages their docs use (Microsoft.Extensions.*, Npgsql, EF Core, RabbitMQ.Client, Confluent.Kafka, xunit's
/// Assert for the testing page).
/// </summary>
internal static class DocsReferences
{
    private static readonly string[] s_prefixes =
        ["Estuary.", "Microsoft.Extensions.", "Npgsql", "Microsoft.EntityFrameworkCore", "RabbitMQ.Client", "Confluent.Kafka", "xunit.assert", "System.CommandLine"];

    // The Roslyn components run on the snippets; they are not something a snippet calls.
    private static readonly string[] s_excluded = ["Estuary.Generators.dll", "Estuary.Analyzers.dll", "Estuary.Docs.Tests.dll"];

    public static ImmutableArray<MetadataReference> All { get; } = Create();

    private static ImmutableArray<MetadataReference> Create()
    {
        var libraries = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(path => s_prefixes.Any(prefix => Path.GetFileName(path).StartsWith(prefix, StringComparison.Ordinal)))
            .Where(path => !s_excluded.Contains(Path.GetFileName(path), StringComparer.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
        return [.. Basic.Reference.Assemblies.Net100.References.All, .. libraries];
    }
}
