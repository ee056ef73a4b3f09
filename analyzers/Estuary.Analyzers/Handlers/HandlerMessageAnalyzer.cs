using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0004: a handler with neither a message nor a routing key has nothing to be found by, and the
/// generator skips it. EST0015: without a routing key the first parameter is always the message,
/// so a [Header] on it silently does nothing and the handler takes the header's type as message.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HandlerMessageAnalyzer : EstuaryAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.HandlerWithoutMessage, Descriptors.HeaderOnMessageParameter);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        OnMethod(context, (c, method) =>
        {
            foreach (var handler in HandlerInfo.Read(method, symbols))
            {
                if (handler.ProblemsOf(HandlerProblemKind.NoMessage).Any())
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.HandlerWithoutMessage, SyntaxLocations.Of(method), handler.DisplayName, handler.AttributeName));
                }
                else if (handler.RoutingKey is null && handler.MessageParameter is { } parameter
                    && parameter.GetAttributes().Any(a => EstuarySymbols.Is(a.AttributeClass, symbols.Header)))
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.HeaderOnMessageParameter, SyntaxLocations.Of(parameter), parameter.Name, handler.DisplayName, handler.AttributeName));
                }
            }
        });
}
