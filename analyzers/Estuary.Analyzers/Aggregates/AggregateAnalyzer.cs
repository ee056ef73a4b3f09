using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// An analyzer of [Aggregate] and [Saga] classes: each is read once (AggregateInfo) and every
/// aggregate analyzer reports its own kinds of problem from that reading.
/// </summary>
public abstract class AggregateAnalyzer : EstuaryAnalyzer
{
    private protected sealed override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        context.RegisterSymbolAction(
            c =>
            {
                if (AggregateInfo.For((INamedTypeSymbol)c.Symbol, symbols) is { } aggregate)
                {
                    Analyze(c, aggregate);
                }
            },
            SymbolKind.NamedType);

    private protected abstract void Analyze(SymbolAnalysisContext context, AggregateInfo aggregate);
}
