using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// [Distributed] where the distributed bus cannot reach it (DistributedShape decides, as for the
/// generator). EST0050: on a method that is not a command or event handler (a query handler, a
/// projection's handler, any other method). EST0051: on a command handler without a routing key.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DistributedHandlerAnalyzer : EstuaryAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.DistributedOnNonHandler, Descriptors.DistributedCommandWithoutRoutingKey);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        context.RegisterSymbolAction(Analyze, SymbolKind.Method);

    private static void Analyze(SymbolAnalysisContext context)
    {
        var method = (IMethodSymbol)context.Symbol;
        var distributed = method.GetAttributes().FirstOrDefault(a => KnownAttributes.Is(a, KnownNames.DistributedAttribute));
        if (distributed is null)
        {
            return;
        }

        var handler = method.GetAttributes().FirstOrDefault(a => KnownAttributes.Is(a, KnownNames.CommandHandlerAttribute) || KnownAttributes.Is(a, KnownNames.EventHandlerAttribute));
        HandlerKind? kind = handler is null ? null : KnownAttributes.Is(handler, KnownNames.CommandHandlerAttribute) ? HandlerKind.Command : HandlerKind.Event;
        var name = method.ContainingType.Name + "." + method.Name;
        switch (DistributedShape.Problem(method, kind, handler is null ? null : HandlerShape.RoutingKey(handler)))
        {
            case DistributedProblem.NotAHandler:
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.DistributedOnNonHandler, SyntaxLocations.Attribute(distributed, method, context.CancellationToken), name));
                break;
            case DistributedProblem.CommandWithoutRoutingKey:
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.DistributedCommandWithoutRoutingKey,
                    SyntaxLocations.Attribute(handler!, method, context.CancellationToken),
                    name,
                    SuggestedKey(method)));
                break;
        }
    }

    // A readable example built from the method's names: OrderHandler.Place -> "order.place".
    private static string SuggestedKey(IMethodSymbol method)
    {
        var type = method.ContainingType.Name;
        foreach (var suffix in new[] { "Handlers", "Handler", "Service" })
        {
            if (type.Length > suffix.Length && type.EndsWith(suffix, System.StringComparison.Ordinal))
            {
                type = type.Substring(0, type.Length - suffix.Length);
                break;
            }
        }

        return (type + "." + method.Name).ToLowerInvariant();
    }
}
