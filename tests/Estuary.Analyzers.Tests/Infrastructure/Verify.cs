using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Estuary.Analyzers.Tests;

/// <summary>
/// Runs one analyzer on sources written with <c>{|EST0001:span|}</c> markup and checks that
/// exactly the marked diagnostics are reported. Compiler errors in the sources fail the test too,
/// so every negative case is also proof that the code under test is valid C#.
/// </summary>
internal static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected) =>
        AnalyzerAsync(new[] { source }, expected);

    public static Task AnalyzerAsync(string[] sources, params DiagnosticResult[] expected) =>
        AnalyzerAsync(sources, configure: null, expected);

    public static async Task AnalyzerAsync(string[] sources, Action<Test>? configure, params DiagnosticResult[] expected)
    {
        var test = new Test();
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        configure?.Invoke(test);
        await test.RunAsync(CancellationToken.None);
    }

    public static DiagnosticResult Diagnostic(string id) => new(id, DiagnosticSeverity.Error);

    public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestReferences.None;
            TestState.AdditionalReferences.AddRange(TestReferences.All);
        }

        /// <summary>Runs Estuary's generator first, as the compiler does before it runs analyzers.</summary>
        public bool WithGenerator { get; set; }

        protected override IEnumerable<Type> GetSourceGenerators() =>
            WithGenerator ? new[] { typeof(EstuaryGenerator) } : Array.Empty<Type>();
    }
}

/// <summary>Runs an analyzer and a code fix and compares the fixed sources.</summary>
internal static class Verify<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static Task CodeFixAsync(string source, string fixedSource, Action<Test>? configure = null) =>
        CodeFixAsync(new[] { source }, new[] { fixedSource }, configure);

    public static async Task CodeFixAsync(string[] sources, string[] fixedSources, Action<Test>? configure = null)
    {
        var test = new Test();
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        foreach (var source in fixedSources)
        {
            test.FixedState.Sources.Add(source);
        }

        configure?.Invoke(test);
        await test.RunAsync(CancellationToken.None);
    }

    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestReferences.None;
            TestState.AdditionalReferences.AddRange(TestReferences.All);
        }
    }
}
