using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Estuary.Benchmarks.Generation;

/// <summary>
/// How long Estuary's generator takes, in memory, over a compilation of N handlers: a cold run
/// (new driver, as in a command-line build) and a cached run (the IDE case: the driver state of a
/// previous run, and a compilation where one file without handlers was edited).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class GeneratorBenchmarks
{
    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Latest);

    // Steps the generator names with WithTrackingName (TrackingNames in the generator project).
    private static readonly string[] s_trackedSteps =
        ["Commands", "Queries", "Events", "Befores", "Arounds", "Afters", "JsonContexts", "Gateways", "BusinessMethods", "Module", "HandlerTypes", "HandlerSummaries", "Composition"];

    private CSharpCompilation _compilation = null!;
    private SyntaxTree _unrelated = null!;
    private SyntaxTree _unrelatedEdited = null!;
    private GeneratorDriver _warmDriver = null!;
    private GeneratorDriver _warmMinimal = null!;

    [Params(10, 500)]
    public int Handlers { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        _unrelated = Parse(HandlerSources.Unrelated(1), HandlerSources.UnrelatedPath);
        _unrelatedEdited = Parse(HandlerSources.Unrelated(2), HandlerSources.UnrelatedPath);
        var trees = HandlerSources.Handlers(Handlers)
            .Select(static file => Parse(file.Text, file.Path))
            .Append(Parse(HandlerSources.Services, "Services.cs"))
            .Append(_unrelated);
        _compilation = CSharpCompilation.Create(
            "Bench.Shop",
            trees,
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        Validate();
        _warmDriver = NewDriver(track: false).RunGenerators(_compilation);
        _warmMinimal = MinimalDriver().RunGenerators(_compilation);
    }

    // Clone: same syntax trees, but no symbols bound yet, as a compiler process starting fresh sees it.
    [Benchmark]
    public GeneratorDriver ColdRun() => NewDriver(track: false).RunGenerators((CSharpCompilation)_compilation.Clone());

    // ReplaceSyntaxTree gives a new compilation per call, as every edit does in the IDE, so the
    // run cannot reuse symbols bound in the previous iteration.
    [Benchmark]
    public GeneratorDriver CachedRun() => _warmDriver.RunGenerators(_compilation.ReplaceSyntaxTree(_unrelated, _unrelatedEdited));

    // The same two runs of MinimalGenerator: the part of each number that is Roslyn's, not Estuary's.
    [Benchmark]
    public GeneratorDriver MinimalColdRun() => MinimalDriver().RunGenerators((CSharpCompilation)_compilation.Clone());

    [Benchmark]
    public GeneratorDriver MinimalCachedRun() => _warmMinimal.RunGenerators(_compilation.ReplaceSyntaxTree(_unrelated, _unrelatedEdited));

    private static GeneratorDriver MinimalDriver() => CSharpGeneratorDriver.Create(
        [new MinimalGenerator().AsSourceGenerator()],
        parseOptions: s_parseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    private static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, s_parseOptions, path);

    private static GeneratorDriver NewDriver(bool track) => CSharpGeneratorDriver.Create(
        [new EstuaryGenerator().AsSourceGenerator()],
        parseOptions: s_parseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

    private static IEnumerable<MetadataReference> References() =>
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(CommandHandlerAttribute).Assembly.Location),

        // Generated service registrations use the DI abstractions; the runtime's API exposes logging types.
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location),
    ];

    /// <summary>
    /// Outside the measurement: the generator must wire every handler into code that compiles, and
    /// the edit the cached run makes must leave every step cached, or the numbers mean nothing.
    /// </summary>
    private void Validate()
    {
        var driver = NewDriver(track: true).RunGeneratorsAndUpdateCompilation(_compilation, out var output, out var diagnostics);
        var result = driver.GetRunResult().Results.Single();
        var errors = diagnostics.Concat(output.GetDiagnostics()).Where(static d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (result.Exception is not null || errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"The generated code does not compile ({errors.Count} errors): {result.Exception?.Message ?? string.Join("; ", errors.Take(5))}");
        }

        // One handler class per file, so one Endpoints file per handler.
        var endpointFiles = result.GeneratedSources.Count(static s => s.HintName.EndsWith(".Endpoints.g.cs", StringComparison.Ordinal));
        if (endpointFiles != Handlers)
        {
            throw new InvalidOperationException($"Expected {Handlers} endpoint files, the generator emitted {endpointFiles}.");
        }

        var cached = driver.RunGenerators(_compilation.ReplaceSyntaxTree(_unrelated, _unrelatedEdited)).GetRunResult().Results.Single();
        var recomputed = cached.TrackedSteps
            .Where(static step => s_trackedSteps.Contains(step.Key))
            .SelectMany(static step => step.Value.SelectMany(run => run.Outputs).Select(output => (step.Key, output.Reason)))
            .Where(static o => o.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
            .ToList();
        if (recomputed.Count > 0)
        {
            throw new InvalidOperationException(
                "Editing a file without handlers recomputed: " + string.Join(", ", recomputed.Select(static o => $"{o.Key} ({o.Reason})").Distinct()));
        }
    }
}
