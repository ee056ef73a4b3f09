using System.Collections.Generic;
using System.Collections.Immutable;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0026: a handler declared on an [Aggregate] that the generator skips (AggregateShape): the
/// aggregate has no [Identifier], an action's command carries no member for an identifier, a static
/// handler does not return the aggregate, or a query handler is static.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AggregateHandlerAnalyzer : EstuaryAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.InvalidAggregateHandler);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        OnMethod(context, (c, method) =>
        {
            if (!AggregateShape.IsAggregate(method.ContainingType))
            {
                return;
            }

            foreach (var handler in HandlerInfo.Read(method, symbols))
            {
                if (!handler.IsWired)
                {
                    continue;
                }

                var problems = new List<AggregateProblem>();
                AggregateShape.Read(method, handler.Kind, handler.MessageType, problems);
                foreach (var problem in problems)
                {
                    var location = problem.Kind switch
                    {
                        AggregateProblemKind.UnmappedIdentifier when handler.MessageParameter is { } parameter => SyntaxLocations.ParameterType(parameter, c.CancellationToken),
                        AggregateProblemKind.FactoryReturnsOther => SyntaxLocations.ReturnType(method, c.CancellationToken),
                        _ => SyntaxLocations.Of(method),
                    };
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidAggregateHandler, location, handler.DisplayName, method.ContainingType.Name, Describe(problem, handler)));
                }
            }
        });

    private static string Describe(AggregateProblem problem, HandlerInfo handler) => problem.Kind switch
    {
        AggregateProblemKind.NoIdentifier => "the aggregate has no [Identifier] member; mark the property that identifies an instance",
        AggregateProblemKind.UnmappedIdentifier => Names.Type(handler.MessageType!) + " has no member for identifier '" + problem.Identifier
            + "'; add a member of that name, or mark the member holding it [TargetIdentifier(\"" + problem.Identifier + "\")]",
        AggregateProblemKind.FactoryReturnsOther => "a static handler on an aggregate creates it and must return the aggregate (or a Task of it)",
        AggregateProblemKind.InvalidEventsMethod => "its [AggregateEvents] method " + problem.Identifier + " must be a public or internal instance method without parameters returning a sequence of events",
        _ => "a query asks an existing instance; make the [QueryHandler] an instance method",
    };
}
