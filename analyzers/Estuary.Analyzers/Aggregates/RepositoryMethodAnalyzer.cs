using System.Collections.Immutable;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0034: a [Repository] method the generator cannot implement (RepositoryShape): not a get, find or
/// save of an [Aggregate] or [Saga], identifiers that do not match, or an interface with other members.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RepositoryMethodAnalyzer : EstuaryAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.RepositoryMethodNotGenerated);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        OnMethod(context, (c, method) =>
        {
            if (RepositoryShape.IsRepositoryMethod(method) && RepositoryShape.Read(method, out var problem) is null)
            {
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.RepositoryMethodNotGenerated, SyntaxLocations.Of(method), Names.Display(method), problem));
            }
        });
}
