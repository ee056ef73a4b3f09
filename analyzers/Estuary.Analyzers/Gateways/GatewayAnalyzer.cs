using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0014: any interface deriving from a bus interface is a gateway the generator implements and
/// registers. One it cannot implement (GatewayShape) is skipped, and resolving it from the
/// container fails at run time.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GatewayAnalyzer : EstuaryAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.GatewayNotGenerated);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        context.RegisterSymbolAction(
            c =>
            {
                var type = (INamedTypeSymbol)c.Symbol;
                if (GatewayShape.DerivesFromBus(type) && GatewayShape.Check(type) is { } problem)
                {
                    var buses = string.Join(", ", BusTypes.BusesOf(type).Select(b => b.Name));
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.GatewayNotGenerated, SyntaxLocations.Of(type), type.Name, buses, Describe(problem)));
                }
            },
            SymbolKind.NamedType);

    private static string Describe(GatewayProblem problem) => problem.Kind switch
    {
        GatewayProblemKind.Generic => "it is generic; declare a non-generic interface per gateway",
        GatewayProblemKind.Inaccessible when problem.Access?.Kind == CallProblemKind.FileLocalType =>
            "it or a type containing it is file-local, so generated files cannot name it; remove the 'file' modifier",
        GatewayProblemKind.Inaccessible => "it or a type containing it is private or protected; make it internal or public",
        _ => "it declares '" + problem.Member!.Name + "'; a gateway only carries the bus's own members, so move '" + problem.Member.Name
            + "' to another interface (or implement the interface yourself and suppress this warning)",
    };
}
