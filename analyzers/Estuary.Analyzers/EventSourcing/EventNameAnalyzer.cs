using System.Collections.Immutable;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0037: an event an event-sourced aggregate applies, without [NamedEvent] or [MessageName]. The
/// events of all aggregates share one table and are read back by the name they were stored under,
/// which defaults to the full type name; renaming or moving the class would leave every stored event
/// of that type unreadable. Reported on the type of the apply method's parameter, in the aggregate,
/// so an event declared in another project is reported too, once per aggregate applying it.
/// Only the types the generator registers as applied events (HandlerParser.ParseAppliedEvent) count.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EventNameAnalyzer : EstuaryAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UnnamedEvent);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        context.RegisterSymbolAction(
            c =>
            {
                var aggregate = (INamedTypeSymbol)c.Symbol;
                if (!EventSourcedShape.IsEventSourced(aggregate))
                {
                    return;
                }

                foreach (var apply in EventSourcedMembers.ApplyMethods(aggregate))
                {
                    if (apply.Parameters.Length == 1 && apply.Parameters[0].Type is INamedTypeSymbol type && IsStoredEvent(type) && !EventSourcedMembers.HasStableName(type))
                    {
                        c.ReportDiagnostic(Diagnostic.Create(
                            Descriptors.UnnamedEvent,
                            SyntaxLocations.ParameterType(apply.Parameters[0], c.CancellationToken),
                            Names.Type(type),
                            aggregate.Name,
                            EventSourcedMembers.DefaultName(type)));
                    }
                }
            },
            SymbolKind.NamedType);

    // A concrete type the generator registers by name: events are stored as their run-time type, so an
    // interface or abstract base never is; generic and inaccessible types are not registered at all.
    private static bool IsStoredEvent(INamedTypeSymbol type) =>
        type.TypeKind is TypeKind.Class or TypeKind.Struct && !type.IsAbstract && !type.IsGenericType
        && type.SpecialType == SpecialType.None && Callability.IsCallableFromAssembly(type);
}
