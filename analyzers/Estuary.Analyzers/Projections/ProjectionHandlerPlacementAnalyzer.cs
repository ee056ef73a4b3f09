using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// What only a projection's event handlers can take, taken elsewhere. EST0044: a [ProjectionState]
/// parameter on a method that is not an [EventHandler] of a [Projection] class (nothing would bind it).
/// EST0045: an [EventHandler] taking a <c>RecordedEvent</c> outside a projection (the event bus never
/// publishes stored events, so it never runs). EST0046: a delivery attribute ([Asynchronous], [Retry],
/// [Delayed], [TimeToLive], [Deduplicated]) on a projection's event handler, where nothing reads it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ProjectionHandlerPlacementAnalyzer : EstuaryAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.ProjectionStateOutsideProjectionHandler, Descriptors.StoredEventHandlerOutsideProjection, Descriptors.DeliveryAttributeOnProjectionHandler);

    private static readonly string[] s_deliveryAttributes =
    [
        KnownNames.AsynchronousAttribute, KnownNames.RetryAttribute, KnownNames.DelayedAttribute, KnownNames.TimeToLiveAttribute, KnownNames.DeduplicatedAttribute,
    ];

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        context.RegisterSymbolAction(Analyze, SymbolKind.Method);

    private static void Analyze(SymbolAnalysisContext context)
    {
        var method = (IMethodSymbol)context.Symbol;
        var inProjection = KnownAttributes.Has(method.ContainingType, KnownNames.ProjectionAttribute);
        var isEventHandler = KnownAttributes.Has(method, KnownNames.EventHandlerAttribute);
        if (!inProjection || !isEventHandler)
        {
            foreach (var parameter in method.Parameters.Where(p => KnownAttributes.Has(p, KnownNames.ProjectionStateAttribute)))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.ProjectionStateOutsideProjectionHandler,
                    SyntaxLocations.ParameterType(parameter, context.CancellationToken),
                    parameter.Name,
                    method.ContainingType.Name + "." + method.Name));
            }
        }

        if (isEventHandler && inProjection)
        {
            foreach (var attribute in method.GetAttributes().Where(a => s_deliveryAttributes.Any(name => KnownAttributes.Is(a, name))))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.DeliveryAttributeOnProjectionHandler,
                    SyntaxLocations.Attribute(attribute, method, context.CancellationToken),
                    attribute.AttributeClass!.Name.Replace("Attribute", string.Empty),
                    method.ContainingType.Name + "." + method.Name));
            }
        }

        if (isEventHandler && !inProjection && method.Parameters.Length > 0 && HandlerRules.IsStoredEvent(method.Parameters[0].Type))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.StoredEventHandlerOutsideProjection,
                SyntaxLocations.ParameterType(method.Parameters[0], context.CancellationToken),
                method.ContainingType.Name + "." + method.Name));
        }
    }
}
