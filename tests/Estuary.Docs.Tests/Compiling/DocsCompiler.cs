using System;
using System.Collections.Generic;
using System.Collections.Immutable;
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
        [new EstuaryGenerator().AsSourceGenerator(), Estuary.Tests.Shared.SdkSourceGenerators.SystemTextJson()],
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
}
