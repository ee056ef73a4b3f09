using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0040: a [FromAggregateStream] type that is not event-sourced (its streams would be named after
/// a stream prefix no aggregate appends to, so the projection would never see an event). EST0041: a
/// [Projection] class without any [EventHandler] method (it reads its streams and changes nothing).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ProjectionAnalyzer : EstuaryAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.ProjectionStreamNotEventSourced, Descriptors.ProjectionWithoutHandlers);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        context.RegisterSymbolAction(Analyze, SymbolKind.NamedType);

    private static void Analyze(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (KnownAttributes.Find(type, KnownNames.ProjectionAttribute) is not { } projection)
        {
            return;
        }

        foreach (var from in type.GetAttributes().Where(a => KnownAttributes.Is(a, KnownNames.FromAggregateStreamAttribute)))
        {
            if (from.ConstructorArguments.Length == 1 && from.ConstructorArguments[0].Value is ITypeSymbol aggregate && !EventSourcedShape.IsEventSourced(aggregate))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.ProjectionStreamNotEventSourced,
                    SyntaxLocations.ConstructorArgument(from, "aggregateType", 0, context.CancellationToken) ?? SyntaxLocations.Attribute(from, type, context.CancellationToken),
                    type.Name,
                    Names.Type(aggregate)));
            }
        }

        if (!type.GetMembers().OfType<IMethodSymbol>().Any(m => KnownAttributes.Has(m, KnownNames.EventHandlerAttribute)))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.ProjectionWithoutHandlers,
                SyntaxLocations.Attribute(projection, type, context.CancellationToken),
                type.Name));
        }
    }
}
