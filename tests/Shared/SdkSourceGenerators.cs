using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Tests.Shared;

/// <summary>
/// Source generators shipped in the .NET SDK, loaded as a project build loads them. Linked into the
/// test projects that compile user code in memory (generator tests, docs snippets).
/// </summary>
internal static class SdkSourceGenerators
{
    /// <summary>The System.Text.Json source generator of the SDK's targeting pack: Estuary's registry points at the metadata it emits.</summary>
    public static ISourceGenerator SystemTextJson()
    {
        // .../shared/Microsoft.NETCore.App/10.0.x/ -> .../packs/Microsoft.NETCore.App.Ref/10.0.x/analyzers/dotnet/cs/
        var runtimeDirectory = new DirectoryInfo(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
        var packs = new DirectoryInfo(Path.Combine(runtimeDirectory.Parent!.Parent!.Parent!.FullName, "packs", "Microsoft.NETCore.App.Ref"));
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
                $"System.Text.Json.SourceGeneration.dll was not found under {packs.FullName}. JSON contexts need the .NET SDK's targeting pack next to the runtime running the tests.");
        }

        return new AnalyzerFileReference(path, new AssemblyLoader()).GetGenerators(LanguageNames.CSharp).Single();
    }

    private sealed class AssemblyLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public System.Reflection.Assembly LoadFromPath(string fullPath) => System.Reflection.Assembly.LoadFrom(fullPath);
    }
}
