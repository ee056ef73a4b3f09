using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0030: the generator merges one static factory and one instance action of an aggregate for
/// the same message into a "load or create" endpoint (LoadOrCreatePairs). Two factories for one
/// message, or an action whose result differs from the factory's, are not merged: each becomes an
/// endpoint of its own, so a command has two handlers and an event creates an instance twice.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LoadOrCreateAnalyzer : AggregateAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UnmergeableAggregateHandlers);

    private protected override void Analyze(SymbolAnalysisContext context, AggregateInfo aggregate)
    {
        foreach (var group in aggregate.Handlers.Where(h => h.Kind != HandlerKind.Query && LoadOrCreatePairs.Group(h) is not null).GroupBy(LoadOrCreatePairs.Group))
        {
            var factories = group.Where(LoadOrCreatePairs.IsFactory).ToList();
            var actions = group.Where(LoadOrCreatePairs.Acts).ToList();
            var first = factories.FirstOrDefault();
            foreach (var factory in factories.Skip(1))
            {
                var detail = "two static handlers create " + aggregate.Type.Name + " from one message; keep one, which an instance handler of the same message turns into load-or-create";
                Report(context, factory, SyntaxLocations.Of(factory.Method), first!, aggregate, detail);
            }

            if (factories.Count == 1 && actions.Count == 1 && !LoadOrCreatePairs.Compatible(first!, actions[0]))
            {
                var action = actions[0];
                var returned = AggregateShape.ReturnedType(action.Method)!;
                var detail = action.Aggregate!.Creates is not null
                    ? action.DisplayName + " also creates a new " + returned.Name + ", and a load-or-create endpoint only creates " + aggregate.Type.Name + "; handle the message with one of them"
                    : action.DisplayName + " returns " + Names.Type(returned) + ", but when the instance does not exist the endpoint answers what " + first!.DisplayName
                        + " answers, the new instance's identifier (" + Identifier(aggregate.Type) + "); return that, or nothing";
                Report(context, action, SyntaxLocations.ReturnType(action.Method, context.CancellationToken), first!, aggregate, detail);
            }
        }
    }

    private static void Report(SymbolAnalysisContext context, HandlerInfo handler, Location location, HandlerInfo other, AggregateInfo aggregate, string detail)
    {
        var message = handler.MessageType is { } type ? "'" + Names.Type(type) + "'" : "routing key '" + handler.RoutingKey + "'";
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.UnmergeableAggregateHandlers,
            location,
            new[] { SyntaxLocations.Of(other.Method) },
            handler.DisplayName,
            other.DisplayName,
            message,
            aggregate.Kind + " " + aggregate.Type.Name,
            detail));
    }

    // As LoadOrCreatePairs.FactoryResult: one identifier is answered as itself, several as their text.
    private static string Identifier(INamedTypeSymbol aggregate) =>
        AggregateShape.Identifiers(aggregate) is { Count: 1 } identifiers ? Names.Type(AggregateShape.TypeOf(identifiers[0])) : "string";
}
