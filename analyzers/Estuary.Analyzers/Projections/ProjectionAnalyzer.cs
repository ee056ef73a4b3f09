using System.Collections.Generic;
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
/// EST0042: a handler for an event type none of the projection's aggregates applies (their apply
/// methods list every event their streams hold), checked only when every stream it reads is an
/// aggregate's: a [FromStream] prefix, or none at all, may hold anything. EST0043: a projection both
/// Synchronous and [Asynchronous] (it runs in one place or the other). EST0047: a Version below 1, or a
/// partitioned projection with a Version above 1 (versions of a partitioned projection cannot run side by side).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ProjectionAnalyzer : EstuaryAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.ProjectionStreamNotEventSourced, Descriptors.ProjectionWithoutHandlers, Descriptors.ProjectionEventNotInStreams,
        Descriptors.ProjectionBothSynchronousAndAsynchronous, Descriptors.ProjectionVersionNotSupported);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        context.RegisterSymbolAction(Analyze, SymbolKind.NamedType);

    private static void Analyze(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (KnownAttributes.Find(type, KnownNames.ProjectionAttribute) is not { } projection)
        {
            return;
        }

        if (projection.NamedArguments.Any(n => n.Key == "Synchronous" && n.Value.Value is true)
            && KnownAttributes.Find(type, KnownNames.AsynchronousAttribute) is { ConstructorArguments.Length: 1 } asynchronous)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.ProjectionBothSynchronousAndAsynchronous,
                SyntaxLocations.NamedArgument(projection, "Synchronous", context.CancellationToken) ?? SyntaxLocations.Attribute(projection, type, context.CancellationToken),
                type.Name,
                asynchronous.ConstructorArguments[0].Value as string));
        }

        if (projection.NamedArguments.FirstOrDefault(n => n.Key == "Version").Value.Value is int version
            && (version < 1 || (version > 1 && projection.NamedArguments.Any(n => n.Key == "Partitioned" && n.Value.Value is true))))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.ProjectionVersionNotSupported,
                SyntaxLocations.NamedArgument(projection, "Version", context.CancellationToken) ?? SyntaxLocations.Attribute(projection, type, context.CancellationToken),
                type.Name,
                version,
                version < 1
                    ? "versions start at 1"
                    : "versions of a partitioned projection cannot run side by side yet; give the new projection another name and switch readers to it yourself"));
        }

        var aggregates = new List<INamedTypeSymbol>();
        foreach (var from in type.GetAttributes().Where(a => KnownAttributes.Is(a, KnownNames.FromAggregateStreamAttribute)))
        {
            if (from.ConstructorArguments.Length == 1 && from.ConstructorArguments[0].Value is INamedTypeSymbol { } eventSourced && EventSourcedShape.IsEventSourced(eventSourced))
            {
                aggregates.Add(eventSourced);
            }

            if (from.ConstructorArguments.Length == 1 && from.ConstructorArguments[0].Value is ITypeSymbol aggregate && !EventSourcedShape.IsEventSourced(aggregate))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.ProjectionStreamNotEventSourced,
                    SyntaxLocations.ConstructorArgument(from, "aggregateType", 0, context.CancellationToken) ?? SyntaxLocations.Attribute(from, type, context.CancellationToken),
                    type.Name,
                    Names.Type(aggregate)));
            }
        }

        var handlers = type.GetMembers().OfType<IMethodSymbol>().Where(m => KnownAttributes.Has(m, KnownNames.EventHandlerAttribute)).ToList();
        if (handlers.Count == 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.ProjectionWithoutHandlers,
                SyntaxLocations.Attribute(projection, type, context.CancellationToken),
                type.Name));
        }

        // Only when every stream is an aggregate's (and all of those are event-sourced) are its events known.
        var froms = type.GetAttributes().Count(a => KnownAttributes.IsAny(a, KnownNames.FromAggregateStreamAttribute, KnownNames.FromStreamAttribute));
        if (aggregates.Count == 0 || aggregates.Count != froms)
        {
            return;
        }

        var applied = aggregates.SelectMany(EventSourcedShape.ApplyMethods).Where(m => m.Parameters.Length == 1).Select(m => m.Parameters[0].Type).ToList();
        foreach (var handler in handlers)
        {
            // A handler by routing key takes no message type to check; one taking the stored event takes them all.
            var byKey = KnownAttributes.Find(handler, KnownNames.EventHandlerAttribute) is { ConstructorArguments.Length: > 0 };
            if (!byKey && handler.Parameters.Length > 0 && handler.Parameters[0].Type is INamedTypeSymbol message && message.SpecialType != SpecialType.System_Object
                && !HandlerRules.IsStoredEvent(message)
                && !applied.Any(a => context.Compilation.HasImplicitConversion(a, message)))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.ProjectionEventNotInStreams,
                    SyntaxLocations.ParameterType(handler.Parameters[0], context.CancellationToken),
                    type.Name,
                    Names.Type(message),
                    string.Join(", ", aggregates.Select(a => a.Name))));
            }
        }
    }
}
