using System.Collections.Immutable;
using System.Threading;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0026: what keeps the generator from wiring an aggregate's handlers, other than identifiers
/// and mappings: a static handler that does not return the aggregate, a static query handler, and
/// an invalid [AggregateEvents] method, [AggregateVersion] or [SagaCompleted] member. What only
/// event-sourced aggregates require is EST0035's (EventSourcedAggregateAnalyzer).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AggregateHandlerAnalyzer : AggregateAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.InvalidAggregateHandler);

    private protected override void Analyze(SymbolAnalysisContext context, AggregateInfo aggregate)
    {
        foreach (var (problem, member) in aggregate.MemberProblems)
        {
            if (MemberDetail(aggregate.Type, problem) is { } detail)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidAggregateHandler, SyntaxLocations.Of(member ?? aggregate.Type), AggregateInfo.Describe(aggregate.Type), detail));
            }
        }

        foreach (var (handler, problems, created) in aggregate.HandlerProblems)
        {
            var name = handler.DisplayName + " on " + aggregate.Kind + " " + aggregate.Type.Name;
            foreach (var problem in problems)
            {
                if (HasOwnDiagnostic(problem.Kind))
                {
                    continue;
                }

                var detail = problem.Kind switch
                {
                    AggregateProblemKind.FactoryReturnsOther => "a static handler creates the " + aggregate.Kind + " and must return " + aggregate.Type.Name
                        + " (or a Task or ValueTask of it); make it an instance method to act on an existing instance",
                    AggregateProblemKind.StaticQuery => "a query asks an existing instance; make the [QueryHandler] an instance method",
                    _ when created is not null && MemberDetail(created, problem) is { } invalid => "the " + created.Name + " it creates is invalid; " + invalid,
                    _ => MemberDetail(aggregate.Type, problem) ?? problem.Kind + (problem.Detail is null ? string.Empty : ": " + problem.Detail),
                };
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidAggregateHandler, Location(handler, problem, created, context.CancellationToken), name, detail));
            }
        }
    }

    // Reported by AggregateMemberAnalyzer, IdentifierMappingAnalyzer and EventSourcedAggregateAnalyzer; every other problem is EST0026's.
    private static bool HasOwnDiagnostic(AggregateProblemKind kind) => kind is AggregateProblemKind.NoIdentifier or AggregateProblemKind.UnstableIdentifier
        or AggregateProblemKind.InaccessibleMember or AggregateProblemKind.UnmappedIdentifier or AggregateProblemKind.InvalidMapping
        or AggregateProblemKind.NoEmptyConstructor or AggregateProblemKind.InvalidApplyMethod or AggregateProblemKind.NoEvents
        or AggregateProblemKind.InvalidEventTable;

    // A factory returning something else, or an action creating an invalid aggregate: on the return type.
    private static Location Location(HandlerInfo handler, AggregateProblem problem, INamedTypeSymbol? created, CancellationToken cancellationToken) =>
        problem.Kind == AggregateProblemKind.FactoryReturnsOther || created is not null
            ? SyntaxLocations.ReturnType(handler.Method, cancellationToken)
            : SyntaxLocations.Of(handler.Method);

    // The problems with an aggregate's own members that EST0026 reports; the others have their own IDs.
    private static string? MemberDetail(INamedTypeSymbol aggregate, AggregateProblem problem) => problem.Kind switch
    {
        AggregateProblemKind.InvalidEventsMethod => "its [AggregateEvents] method " + problem.Identifier
            + " must be a public or internal instance method without parameters returning a sequence of events",
        AggregateProblemKind.InvalidVersionMember => "its [AggregateVersion] member " + problem.Identifier
            + " must be a long or int that generated code can set: a property with a public or internal setter (not init), or a field that is not readonly",
        AggregateProblemKind.InvalidCompletedMember when !AggregateShape.IsSaga(aggregate) => "[SagaCompleted] on " + problem.Identifier
            + " marks the end of a saga, and " + aggregate.Name + " is an [Aggregate]; declare it [Saga], or remove [SagaCompleted]",
        AggregateProblemKind.InvalidCompletedMember => "its [SagaCompleted] member " + problem.Identifier + " must be a bool",
        _ => null,
    };
}
