using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0027, EST0031, EST0032: the members through which generated code names and stores an
/// instance: an aggregate or saga without [Identifier], an identifier without a stable text form,
/// an [Identifier], [AggregateVersion] or [SagaCompleted] member generated code cannot reach.
/// Reported on the member of the aggregate, or on an action's return type when the aggregate it
/// creates is at fault.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AggregateMemberAnalyzer : AggregateAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AggregateWithoutIdentifier, Descriptors.UnstableIdentifier, Descriptors.InaccessibleAggregateMember);

    private protected override void Analyze(SymbolAnalysisContext context, AggregateInfo aggregate)
    {
        foreach (var (problem, member) in aggregate.MemberProblems)
        {
            var location = SyntaxLocations.Of(member ?? aggregate.Type);
            if (Create(aggregate.Type, problem, location, "none of its handlers is wired") is { } diagnostic)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }

        // What is left concerns the aggregate an action creates (or, should AggregateShape check more
        // than AggregateInfo mirrors, the aggregate itself): reported on the handler.
        foreach (var (handler, problems, created) in aggregate.HandlerProblems)
        {
            var location = created is null ? SyntaxLocations.Of(handler.Method) : SyntaxLocations.ReturnType(handler.Method, context.CancellationToken);
            var consequence = handler.DisplayName + (created is null ? " is not wired" : ", which creates it, is not wired");
            foreach (var problem in problems)
            {
                if (Create(created ?? aggregate.Type, problem, location, consequence) is { } diagnostic)
                {
                    context.ReportDiagnostic(diagnostic);
                }
            }
        }
    }

    private static Diagnostic? Create(INamedTypeSymbol aggregate, AggregateProblem problem, Location location, string consequence)
    {
        var (member, attribute) = AggregateInfo.MemberOf(aggregate, problem);
        switch (problem.Kind)
        {
            case AggregateProblemKind.NoIdentifier:
                return Diagnostic.Create(Descriptors.AggregateWithoutIdentifier, location, AggregateInfo.Describe(aggregate), consequence);

            case AggregateProblemKind.UnstableIdentifier:
                var type = member is null ? null : AggregateShape.TypeOf(member);
                var typeName = type is null ? problem.Detail ?? "?" : Names.Type(type);
                var fix = type is { TypeKind: TypeKind.Class or TypeKind.Struct } && type.Locations.Any(l => l.IsInSource)
                    ? "override ToString in " + typeName + " to return a text naming one instance (a record does), or use a string, number, Guid or enum"
                    : "use a string, number, Guid, enum, or a record of your own";
                return Diagnostic.Create(Descriptors.UnstableIdentifier, location, aggregate.Name, problem.Identifier, typeName, fix);

            case AggregateProblemKind.InaccessibleMember:
                var (what, it) = member is IPropertySymbol { DeclaredAccessibility: Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal, GetMethod: { } getter }
                    ? ("a property with a " + AccessText(getter) + " getter", "its getter")
                    : (member is null ? "not public or internal" : AccessText(member), "it");
                return Diagnostic.Create(Descriptors.InaccessibleAggregateMember, location, attribute ?? "Identifier", aggregate.Name, problem.Identifier, what, it);

            default:
                return null;
        }
    }

    private static string AccessText(ISymbol symbol) => symbol.DeclaredAccessibility switch
    {
        Accessibility.Private => "private",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "not public or internal",
    };
}
