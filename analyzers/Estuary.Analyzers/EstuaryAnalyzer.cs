using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// The setup every Estuary analyzer shares: concurrent, skipping generated code, and only in
/// compilations that reference Estuary at all.
/// </summary>
public abstract class EstuaryAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (EstuarySymbols.Create(start.Compilation) is { } symbols)
            {
                OnCompilationStart(start, symbols);
            }
        });
    }

    private protected abstract void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols);

    /// <summary>Runs <paramref name="action"/> for each method declared in source.</summary>
    private protected static void OnMethod(CompilationStartAnalysisContext context, Action<SymbolAnalysisContext, IMethodSymbol> action) =>
        context.RegisterSymbolAction(c => action(c, (IMethodSymbol)c.Symbol), SymbolKind.Method);
}
