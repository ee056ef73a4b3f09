using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>EST0005: a query exists to return an answer; the generator skips one that returns nothing.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class QueryResultAnalyzer : EstuaryAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.QueryWithoutResult);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        OnMethod(context, (c, method) =>
        {
            var query = HandlerInfo.Read(method, symbols).FirstOrDefault(h => h.ProblemsOf(HandlerProblemKind.QueryWithoutResult).Any());
            if (query is not null)
            {
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.QueryWithoutResult, SyntaxLocations.ReturnType(method, c.CancellationToken), query.DisplayName));
            }
        });
}
