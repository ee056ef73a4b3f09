using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Estuary.Generators.Tests.Synthesis;

/// <summary>
/// Thousands of random valid programs (<see cref="ProgramSynthesizer"/>), each run through the
/// generator and every analyzer in memory, as a build does. For each: the generator never throws or
/// reports, the analyzers report no error (the programs are valid), and the program with the generated
/// code compiles with no error and no warning in generated files. Seeded: ESTUARY_SYNTHESIS_SEED picks
/// the first seed (default 20261205), ESTUARY_SYNTHESIS_COUNT how many programs (default 1000). A
/// failure names the seed and writes the program and the generated files to disk.
/// </summary>
public sealed class SynthesizedProgramTests
{
    private static readonly string[] s_assemblyNames = ["Shop.Orders", "my-app", "Ünïcödé.Bestellungen", "class", "1st.App", "Deep.Name.Space"];

    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> s_analyzers = new(() =>
        [.. typeof(Estuary.Analyzers.LoadOrCreateAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), inherit: false).Length > 0)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)]);

    [Fact]
    public void Random_valid_programs_generate_code_that_compiles_without_warnings_and_get_no_Estuary_error()
    {
        var first = Setting("ESTUARY_SYNTHESIS_SEED", 20261205);
        var count = Setting("ESTUARY_SYNTHESIS_COUNT", 1000);
        Assert.True(s_analyzers.Value.Length > 20, "The analyzers were not found.");
        // Programs are independent: check them on every core, then report the first failing seed.
        var problems = new System.Collections.Concurrent.ConcurrentDictionary<int, string>();
        System.Threading.Tasks.Parallel.For(first, first + count, (seed, loop) =>
        {
            if (Check(seed) is { } problem)
            {
                problems[seed] = problem;
                loop.Stop();
            }
        });

        if (!problems.IsEmpty)
        {
            Assert.Fail(problems.OrderBy(p => p.Key).First().Value);
        }
    }

    private static string? Check(int seed)
    {
        var source = new ProgramSynthesizer(seed).Write();
        var assemblyName = s_assemblyNames[(int)((uint)seed % s_assemblyNames.Length)];
        var compilation = TestCompilation.Create(assemblyName, source);
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new EstuaryGenerator().AsSourceGenerator()], parseOptions: TestCompilation.ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
        var result = driver.GetRunResult().Results.Single();

        string? problem = null;
        if (result.Exception is not null)
        {
            problem = "the generator threw: " + result.Exception;
        }
        else if (!result.Diagnostics.IsEmpty || driverDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            problem = "the generator reported: " + string.Join("\n", result.Diagnostics.Concat(driverDiagnostics));
        }
        else
        {
            var analyzerErrors = output.WithAnalyzers(s_analyzers.Value).GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult()
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .ToList();
            var generated = result.GeneratedSources.Select(s => s.SyntaxTree).ToHashSet();
            var compileProblems = output.GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Error || (d.Severity == DiagnosticSeverity.Warning && generated.Contains(d.Location.SourceTree!)))
                .ToList();
            if (analyzerErrors.Count > 0)
            {
                problem = "a valid program got Estuary errors:\n" + Describe(analyzerErrors);
            }
            else if (compileProblems.Count > 0)
            {
                problem = "the program with the generated code does not compile cleanly:\n" + Describe(compileProblems);
            }
        }

        return problem is null ? null : Report(seed, assemblyName, source, result, problem);
    }

    private static string Describe(System.Collections.Generic.IEnumerable<Diagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Take(20).Select(d => "  " + d + (d.Location.SourceTree is { } tree
            ? "\n      " + tree.GetText().Lines[d.Location.GetLineSpan().StartLinePosition.Line].ToString().Trim()
            : string.Empty)));

    private static string Report(int seed, string assemblyName, string source, GeneratorRunResult result, string problem)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "SynthesizedPrograms", seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), source);
        foreach (var generated in result.GeneratedSources)
        {
            File.WriteAllText(Path.Combine(folder, generated.HintName), generated.SourceText.ToString());
        }

        return $"Seed {seed} (assembly '{assemblyName}'): {problem}\n\nThe program and the generated files are in {folder}.\n"
            + $"Run this one alone with ESTUARY_SYNTHESIS_SEED={seed} ESTUARY_SYNTHESIS_COUNT=1.";
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : fallback;
}
