using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Estuary.Generators.Tests;

/// <summary>One source file the generator added.</summary>
internal sealed record GeneratedFile(string HintName, string Text);

/// <summary>What one generator run produced: its files and the composition model it built them from.</summary>
internal sealed record GeneratorOutput(ImmutableArray<GeneratedFile> Files, CompositionModel Composition, ImmutableArray<HandlerTypeModel> HandlerTypes, ImmutableArray<string> TrackedSteps)
{
    /// <summary>Every handler the generator wired, by class then declaration.</summary>
    public ImmutableArray<HandlerModel> Handlers => [.. HandlerTypes.SelectMany(t => t.Handlers)];

    public GeneratedFile File(string hintNameEnd) =>
        Files.SingleOrDefault(f => f.HintName.EndsWith(hintNameEnd, StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"No generated file ends with '{hintNameEnd}'. Generated: {string.Join(", ", Files.Select(f => f.HintName))}");
}

/// <summary>
/// Runs <see cref="EstuaryGenerator"/> the way the compiler does and checks what every test relies on:
/// the output compiles, the generator reports nothing, models hold no Roslyn objects, and a second
/// and third run after unrelated edits are served from the cache (STYLE 9).
/// </summary>
internal static class GeneratorTestHelper
{
    public const string DefaultAssemblyName = "Shop.Orders";

    private const string UnrelatedSource = """
        namespace Shop.Unrelated;

        public sealed class Clock
        {
            public System.DateTimeOffset Now => System.DateTimeOffset.UtcNow;
        }
        """;

    public static GeneratorOutput RunGenerator(
        string source,
        string assemblyName = DefaultAssemblyName,
        bool withSystemTextJson = false,
        IReadOnlyDictionary<string, string>? buildProperties = null)
    {
        var compilation = TestCompilation.Create(assemblyName, source);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            withSystemTextJson ? [new EstuaryGenerator().AsSourceGenerator(), TestCompilation.SystemTextJsonGenerator()] : [new EstuaryGenerator().AsSourceGenerator()],
            parseOptions: TestCompilation.ParseOptions,
            optionsProvider: buildProperties is null ? null : new BuildProperties(buildProperties),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var outputCompilation, out var driverDiagnostics);
        var first = EstuaryResult(driver);
        DumpWhenAsked(first);
        Assert.Null(first.Exception);
        Assert.True(first.Diagnostics.IsEmpty, "The generator must skip invalid input silently (the analyzers report it), but it reported:\n" + Format(first.Diagnostics));
        Assert.False(driverDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error), "A generator reported errors:\n" + Format(driverDiagnostics));
        AssertCompiles(outputCompilation, first);
        AssertModelsAreValues(first);

        // An unrelated new file, then a comment in the user's file: neither may rebuild any model.
        var withNewFile = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(UnrelatedSource, TestCompilation.ParseOptions, path: "Unrelated.cs"));
        driver = driver.RunGenerators(withNewFile);
        AssertCached(EstuaryResult(driver), first, "adding an unrelated file");

        var userTree = withNewFile.SyntaxTrees.First();
        var commented = userTree.WithChangedText(userTree.GetText().WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(new Microsoft.CodeAnalysis.Text.TextSpan(0, 0), "// Reviewed by the billing team.\n")));
        driver = driver.RunGenerators(withNewFile.ReplaceSyntaxTree(userTree, commented));
        AssertCached(EstuaryResult(driver), first, "adding a comment at the top of the user's file");

        var files = first.GeneratedSources.Select(s => new GeneratedFile(s.HintName, s.SourceText.ToString())).ToImmutableArray();
        return new GeneratorOutput(files, Composition(first), HandlerTypes(first), [.. TrackedEstuarySteps(first).Select(s => s.Name)]);
    }

    // ESTUARY_GENERATED_DUMP=<folder> writes every generated file there, to read the code behind a failure.
    private static void DumpWhenAsked(GeneratorRunResult result)
    {
        if (Environment.GetEnvironmentVariable("ESTUARY_GENERATED_DUMP") is not { Length: > 0 } folder)
        {
            return;
        }

        System.IO.Directory.CreateDirectory(folder);
        foreach (var source in result.GeneratedSources)
        {
            System.IO.File.WriteAllText(System.IO.Path.Combine(folder, source.HintName), source.SourceText.ToString());
        }
    }

    private static GeneratorRunResult EstuaryResult(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single(r => r.Generator.GetGeneratorType() == typeof(EstuaryGenerator));

    private static CompositionModel Composition(GeneratorRunResult result)
    {
        Assert.True(result.TrackedSteps.TryGetValue(TrackingNames.Composition, out var steps), "The generator did not record its Composition step.");
        return Assert.IsType<CompositionModel>(Assert.Single(Assert.Single(steps).Outputs).Value);
    }

    private static ImmutableArray<HandlerTypeModel> HandlerTypes(GeneratorRunResult result) =>
        result.TrackedSteps.TryGetValue(TrackingNames.HandlerTypes, out var steps)
            ? [.. steps.SelectMany(s => s.Outputs).Select(o => Assert.IsType<HandlerTypeModel>(o.Value))]
            : [];

    private static void AssertCompiles(Compilation output, GeneratorRunResult result)
    {
        // Warnings in generated files break every user who builds with TreatWarningsAsErrors.
        var generatedTrees = result.GeneratedSources.Select(s => s.SyntaxTree).ToHashSet();
        var problems = output.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error
                || (d.Severity == DiagnosticSeverity.Warning && generatedTrees.Contains(d.Location.SourceTree!)))
            .ToImmutableArray();
        if (!problems.IsEmpty)
        {
            Assert.Fail("The compilation with the generated code has errors or warnings in generated files:\n" + Format(problems));
        }
    }

    private static void AssertModelsAreValues(GeneratorRunResult result)
    {
        var problems = new List<string>();
        foreach (var (name, steps) in TrackedEstuarySteps(result))
        {
            for (var i = 0; i < steps.Length; i++)
            {
                foreach (var (output, index) in steps[i].Outputs.Select((o, index) => (o, index)))
                {
                    problems.AddRange(ModelGraph.Problems(output.Value, $"{name}[{i}].Outputs[{index}]"));
                }
            }
        }

        Assert.True(problems.Count == 0, "Pipeline models must be plain values (STYLE 3):\n" + string.Join("\n", problems.Distinct()));
    }

    private static void AssertCached(GeneratorRunResult second, GeneratorRunResult first, string edit)
    {
        Assert.Null(second.Exception);
        var problems = new List<string>();
        foreach (var (name, steps) in TrackedEstuarySteps(second))
        {
            foreach (var step in steps)
            {
                foreach (var (value, reason) in step.Outputs)
                {
                    if (reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
                    {
                        problems.Add($"step '{name}' output was {reason}: {value}");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, $"After {edit}, every tracked step must be Cached or Unchanged:\n" + string.Join("\n", problems));
        Assert.Equal(
            first.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())),
            second.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())));
    }

    private static IEnumerable<(string Name, ImmutableArray<IncrementalGeneratorRunStep> Steps)> TrackedEstuarySteps(GeneratorRunResult result)
    {
        // Every constant of TrackingNames, so a step the generator adds later is checked without editing the tests.
        var names = typeof(TrackingNames).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!);
        foreach (var name in names)
        {
            if (result.TrackedSteps.TryGetValue(name, out var steps))
            {
                yield return (name, steps);
            }
        }
    }

    private static string Format(IEnumerable<Diagnostic> diagnostics)
    {
        var text = new StringBuilder();
        foreach (var diagnostic in diagnostics)
        {
            text.Append("  ").Append(diagnostic).Append('\n');
            if (diagnostic.Location.SourceTree is { } tree)
            {
                var line = diagnostic.Location.GetLineSpan().StartLinePosition.Line;
                text.Append("      ").Append(tree.GetText().Lines[line].ToString().Trim()).Append('\n');
            }
        }

        return text.ToString();
    }
}
