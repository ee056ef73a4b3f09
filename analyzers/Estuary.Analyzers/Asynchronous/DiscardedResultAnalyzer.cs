using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0018: a command sent to an asynchronous handler completes once it is stored on the channel,
/// long before the handler runs, so the typed SendAsync returns default and the handler's result
/// goes nowhere.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DiscardedResultAnalyzer : EstuaryAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.DiscardedResult);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        OnMethod(context, (c, method) =>
        {
            var command = HandlerInfo.Read(method, symbols).FirstOrDefault(h => h.Kind == HandlerKind.Command && h.IsAsynchronous);
            if (command is not null && HandlerRules.HasResult(HandlerRules.ClassifyReturn(method, out var result)) && result is not null)
            {
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.DiscardedResult, SyntaxLocations.ReturnType(method, c.CancellationToken), command.DisplayName, Names.Type(result)));
            }
        });
}
