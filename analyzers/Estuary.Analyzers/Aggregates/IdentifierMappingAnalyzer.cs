using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0028, EST0029, EST0033, EST0039: where a handler's message keeps the identifier of the
/// aggregate or saga it targets (IdentifierMapping). A message with nothing for an identifier is
/// reported on the message parameter, with aggregate or saga advice; an [IdentifierMapping] that
/// cannot be resolved on the attribute, and one on a static handler, which creates the instance and
/// never reads it, on the attribute too.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IdentifierMappingAnalyzer : AggregateAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.UnmappedAggregateIdentifier, Descriptors.UnmappedSagaIdentifier, Descriptors.InvalidIdentifierMapping, Descriptors.IgnoredIdentifierMapping);

    private protected override void Analyze(SymbolAnalysisContext context, AggregateInfo aggregate)
    {
        // A static handler makes the instance, whose identifier is whatever it sets: a mapping is never read.
        foreach (var factory in aggregate.Handlers.Where(h => h.Method.IsStatic))
        {
            foreach (var attribute in factory.Method.GetAttributes().Where(a => KnownAttributes.Is(a, KnownNames.IdentifierMappingAttribute)))
            {
                var identifier = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string ?? string.Empty : string.Empty;
                var detail = "a static handler creates the " + (aggregate.IsSaga ? "saga" : "aggregate") + ", which has the identifier the handler gives it; "
                    + "to find an existing instance by this message, map the identifier on the instance handler of the same message (the two make one load-or-create endpoint), and remove it here";
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.IgnoredIdentifierMapping, SyntaxLocations.Attribute(attribute, factory.Method, context.CancellationToken), identifier, factory.DisplayName, detail));
            }
        }

        foreach (var (handler, problems, _) in aggregate.HandlerProblems)
        {
            // Several mappings may name one unknown identifier: each is reported on its own attribute.
            var reported = new Dictionary<string, int>();
            foreach (var problem in problems)
            {
                if (problem.Kind == AggregateProblemKind.UnmappedIdentifier && handler.MessageParameter is { } message)
                {
                    var descriptor = aggregate.IsSaga ? Descriptors.UnmappedSagaIdentifier : Descriptors.UnmappedAggregateIdentifier;
                    var location = SyntaxLocations.ParameterType(message, context.CancellationToken);
                    context.ReportDiagnostic(Diagnostic.Create(descriptor, location, Names.Type(message.Type), problem.Identifier, aggregate.Type.Name, handler.DisplayName));
                }
                else if (problem.Kind == AggregateProblemKind.InvalidMapping)
                {
                    var identifier = problem.Identifier ?? string.Empty;
                    reported[identifier] = reported.TryGetValue(identifier, out var count) ? count + 1 : 1;
                    var location = Location(handler.Method, identifier, reported[identifier] - 1, context.CancellationToken);
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidIdentifierMapping, location, identifier, handler.DisplayName, problem.Detail));
                }
            }
        }
    }

    // The n-th [IdentifierMapping] naming the identifier, in the order IdentifierMapping.Mappings reads them.
    private static Location Location(IMethodSymbol method, string identifier, int index, CancellationToken cancellationToken) =>
        method.GetAttributes()
            .Where(a => KnownAttributes.Is(a, KnownNames.IdentifierMappingAttribute) && a.ConstructorArguments.Length == 1
                && (a.ConstructorArguments[0].Value as string ?? string.Empty) == identifier)
            .Skip(index)
            .FirstOrDefault() is { } attribute
            ? SyntaxLocations.Attribute(attribute, method, cancellationToken)
            : SyntaxLocations.Of(method);
}
