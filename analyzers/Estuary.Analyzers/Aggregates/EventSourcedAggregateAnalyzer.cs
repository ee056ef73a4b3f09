using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0035: what keeps the generator from wiring an [EventSourcingAggregate] or [EventSourcingSaga]
/// beyond what every aggregate needs: no parameterless constructor to replay events into (on the
/// class), a Table name that cannot name an events table (on the class), an [EventSourcingHandler] the
/// apply switch cannot call (on the method; none of the class's handlers is wired), and a static
/// handler that yields no first events (on the handler).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EventSourcedAggregateAnalyzer : AggregateAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.InvalidEventSourcedAggregate);

    private protected override void Analyze(SymbolAnalysisContext context, AggregateInfo aggregate)
    {
        var type = aggregate.Type;
        if (!EventSourcedShape.IsEventSourced(type))
        {
            return;
        }

        var described = "Event-sourced " + EventSourcedMembers.Noun(type) + " " + type.Name;
        foreach (var (problem, member) in aggregate.MemberProblems)
        {
            if (problem.Kind == AggregateProblemKind.NoEmptyConstructor)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidEventSourcedAggregate, SyntaxLocations.Of(type), described, ConstructorDetail(type)));
            }
            else if (problem.Kind == AggregateProblemKind.InvalidEventTable)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidEventSourcedAggregate, SyntaxLocations.Of(type), described,
                    "its Table \"" + problem.Identifier + "\" cannot name an events table; use lower-case letters, digits and underscores, starting with a letter, at most 30 characters, not ending in event_id, transaction_position or stream_version (the table is events_{name})"));
            }
            else if (problem.Kind == AggregateProblemKind.InvalidApplyMethod && member is IMethodSymbol apply && EventSourcedMembers.ApplyProblem(apply, type) is { } detail)
            {
                // An apply method of a base class from another assembly has no source here: on the class.
                var location = apply.Locations.FirstOrDefault(l => l.IsInSource) ?? SyntaxLocations.Of(type);
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidEventSourcedAggregate, location, described, detail));
            }
        }

        foreach (var (handler, problems, _) in aggregate.HandlerProblems)
        {
            var name = handler.DisplayName + " on " + EventSourcedMembers.Kind(type) + " " + type.Name;
            foreach (var problem in problems)
            {
                // The class's own problems are left here only if EventSourcedMembers no longer mirrors the shape: still reported, on the handler.
                var detail = problem.Kind switch
                {
                    AggregateProblemKind.NoEvents => NoEventsDetail(handler.Method),
                    AggregateProblemKind.NoEmptyConstructor => ConstructorDetail(type),
                    AggregateProblemKind.InvalidApplyMethod => "its [EventSourcingHandler] " + problem.Identifier
                        + " must be a public or internal, non-generic instance method taking only the event and returning void",
                    _ => null,
                };
                if (detail is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidEventSourcedAggregate, SyntaxLocations.Of(handler.Method), name, detail));
                }
            }
        }
    }

    private static string ConstructorDetail(INamedTypeSymbol type) => type.IsAbstract
        ? "it is abstract, and loading creates an instance to replay the stream's events into; make it a concrete class, or mark a concrete class derived from it instead"
        : "it has no public or internal parameterless constructor, and loading creates an empty instance with new " + type.Name
            + "() to replay the stream's events into; add one (it may be empty and internal)";

    // The two ways AggregateShape.ReadEventSourced finds no events for a static handler.
    private static string NoEventsDetail(IMethodSymbol method)
    {
        var noun = EventSourcedMembers.Noun(method.ContainingType);
        return AggregateShape.ReturnsAggregate(method)
            ? "it returns a new " + method.ContainingType.Name + ", but " + method.ContainingType.Name + " has no [AggregateEvents] method to read the events it recorded; return the first events instead, "
                + "or add an [AggregateEvents] method returning the events the instance records"
            : "a static handler starts the " + noun + "'s stream with the events it returns, and it returns none; return the first event, or a sequence of events (directly or in a Task or ValueTask)";
    }
}
