using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Estuary.Analyzers.Tests;

/// <summary>
/// What code under test compiles against, without touching the network: the .NET 10 reference
/// assemblies from Basic.Reference.Assemblies.Net100, the Estuary runtime built with this
/// repository, and the DI abstractions its public API exposes.
/// </summary>
internal static class TestReferences
{
    /// <summary>An empty package set: the framework comes from <see cref="All"/> instead of a NuGet download.</summary>
    public static ReferenceAssemblies None { get; } = new("net10.0");

    public static ImmutableArray<MetadataReference> All { get; } = Basic.Reference.Assemblies.Net100.References.All
        .Cast<MetadataReference>()
        .Append(MetadataReference.CreateFromFile(typeof(CommandHandlerAttribute).Assembly.Location))
        .Append(MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location))
        .ToImmutableArray();
}
