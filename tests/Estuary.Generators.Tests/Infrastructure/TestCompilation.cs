using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Generators.Tests;

/// <summary>Builds the user compilation a test feeds to the generator: .NET 10 references plus Estuary's runtime.</summary>
internal static class TestCompilation
{
    // Diagnose mirrors a project with GenerateDocumentationFile=true, so cref mistakes in generated code surface.
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly Lazy<IReadOnlyList<MetadataReference>> s_references = new(() =>
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        .. new[]
        {
            typeof(Estuary.CommandHandlerAttribute),

            // Generated service registrations call into DI abstractions; the runtime's public API exposes logging types.
            typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection),
            typeof(Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions),
            typeof(Microsoft.Extensions.Logging.ILogger),
        }
        .Select(t => t.Assembly.Location)
        .Distinct(StringComparer.Ordinal)
        .Select(path => MetadataReference.CreateFromFile(path)),
    ]);

    public static CSharpCompilation Create(string assemblyName, params string[] sources) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: "UserCode" + i + ".cs")),
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>
    /// The System.Text.Json source generator shipped in the SDK's targeting pack. Estuary points its
    /// registry at the metadata that generator emits, so JSON scenarios need both to compile.
    /// </summary>
    public static ISourceGenerator SystemTextJsonGenerator()
    {
        // .../shared/Microsoft.NETCore.App/10.0.x/ -> .../packs/Microsoft.NETCore.App.Ref/10.0.x/analyzers/dotnet/cs/
        var runtimeDirectory = new DirectoryInfo(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
        var dotnetRoot = runtimeDirectory.Parent!.Parent!.Parent!.FullName;
        var packs = new DirectoryInfo(Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref"));
        var path = packs.Exists
            ? packs.GetDirectories()
                .Select(d => Path.Combine(d.FullName, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll"))
                .Where(File.Exists)
                .OrderByDescending(p => p, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;
        if (path is null)
        {
            throw new InvalidOperationException(
                $"System.Text.Json.SourceGeneration.dll was not found under {packs.FullName}. The JSON scenario needs the .NET SDK's targeting pack next to the runtime running the tests.");
        }

        var reference = new AnalyzerFileReference(path, new AssemblyLoader());
        return reference.GetGenerators(LanguageNames.CSharp).Single();
    }

    private sealed class AssemblyLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public System.Reflection.Assembly LoadFromPath(string fullPath) => System.Reflection.Assembly.LoadFrom(fullPath);
    }
}
