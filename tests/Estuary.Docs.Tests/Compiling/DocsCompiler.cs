using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Docs.Tests;

/// <summary>
/// Compiles docs files as the compiler builds a user's project: Estuary's generator (and the
/// System.Text.Json one, for the JSON contexts docs declare) first, then Estuary's analyzers on the result.
/// One driver and one reference list serve every compilation.
/// </summary>
internal static class DocsCompiler
{
    private static readonly GeneratorDriver s_driver = CSharpGeneratorDriver.Create(
        [new EstuaryGenerator().AsSourceGenerator(), SystemTextJsonGenerator()],
        parseOptions: DocsProject.ParseOptions);

    private static readonly ImmutableArray<DiagnosticAnalyzer> s_analyzers =
    [
        .. typeof(Estuary.Analyzers.EstuaryAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!),
    ];

    // The root namespace exists even when the generator emits no module (a page without handlers); blocks'
    // statements become methods, so the application's entry point is this one.
    private static readonly SyntaxTree s_globalUsings = CSharpSyntaxTree.ParseText(
        string.Concat(DocsProject.GlobalUsings.Select(u => $"global using {u};\n"))
        + $"namespace {DocsProject.AssemblyName} {{ internal static class DocsProgram {{ private static void Main() {{ }} }} }}\n",
        DocsProject.ParseOptions,
        path: "GlobalUsings.g.cs");

    /// <summary>Every diagnostic of the compilation: compiler, generators and analyzers.</summary>
    public static async Task<ImmutableArray<Diagnostic>> CompileAsync(ImmutableArray<SyntaxTree> files, IEnumerable<MetadataReference> projects)
    {
        var compilation = CSharpCompilation.Create(
            DocsProject.AssemblyName, files.Add(s_globalUsings), DocsReferences.All.AddRange(projects), DocsProject.CompilationOptions);
        s_driver.RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);
        var diagnostics = await generated.WithAnalyzers(s_analyzers).GetAllDiagnosticsAsync();
        return generatorDiagnostics.AddRange(diagnostics);
    }

    /// <summary>The System.Text.Json source generator of the SDK's targeting pack, as a project gets it.</summary>
    private static ISourceGenerator SystemTextJsonGenerator()
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
                $"System.Text.Json.SourceGeneration.dll was not found under {packs.FullName}. Docs declare JSON contexts, so they need the .NET SDK's targeting pack next to the runtime running the tests.");
        }

        return new AnalyzerFileReference(path, new AssemblyLoader()).GetGenerators(LanguageNames.CSharp).Single();
    }

    private sealed class AssemblyLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
