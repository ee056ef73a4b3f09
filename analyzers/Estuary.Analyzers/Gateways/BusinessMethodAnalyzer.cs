using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0016: a [BusinessMethod] is implemented as a routed send, so besides the payload it can only
/// take what becomes part of the send: headers and a cancellation token. The generator implements
/// an interface whole or not at all (BusinessMethodShape), so one member it cannot implement leaves
/// every method of the interface without an implementation.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BusinessMethodAnalyzer : EstuaryAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.BusinessMethodNotGenerated);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        OnMethod(context, (c, method) =>
        {
            if (method.GetAttributes().Any(a => EstuarySymbols.Is(a.AttributeClass, symbols.BusinessMethod))
                && BusinessMethodShape.Check(method) is { } problem && !IsReportedOnItsOwn(problem, symbols))
            {
                var location = problem.Kind == BusinessMethodProblemKind.ExtraParameter ? problem.Symbol : method;
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.BusinessMethodNotGenerated, SyntaxLocations.Of(location), Names.Display(method), Describe(problem)));
            }
        });

    // A sibling [BusinessMethod] declared here that cannot be implemented gets its own diagnostic;
    // repeating it on every other method of the interface would only add noise.
    private static bool IsReportedOnItsOwn(BusinessMethodProblem problem, EstuarySymbols symbols) =>
        problem.Kind == BusinessMethodProblemKind.IncompleteInterface
        && problem.Symbol.Locations.Any(l => l.IsInSource)
        && problem.Symbol.GetAttributes().Any(a => EstuarySymbols.Is(a.AttributeClass, symbols.BusinessMethod));

    private static string Describe(BusinessMethodProblem problem)
    {
        var name = problem.Symbol.Name;
        return problem.Kind switch
        {
            BusinessMethodProblemKind.NotInInterface => "it is not declared in an interface; Estuary implements [BusinessMethod] methods of interfaces",
            BusinessMethodProblemKind.GenericInterface => "its interface '" + name + "' is generic; declare the business methods in a non-generic interface",
            BusinessMethodProblemKind.InaccessibleInterface when problem.Access?.Kind == CallProblemKind.FileLocalType =>
                "its interface '" + name + "' or a type containing it is file-local, so generated files cannot name it; remove the 'file' modifier",
            BusinessMethodProblemKind.InaccessibleInterface => "its interface '" + name + "' or a type containing it is private or protected; make it internal or public",
            BusinessMethodProblemKind.NotOrdinary => "it is not an ordinary method; put [BusinessMethod] on a method the interface declares",
            BusinessMethodProblemKind.GenericMethod => "it is generic; remove its type parameters",
            BusinessMethodProblemKind.NoRoutingKey => "it has no routing key; give [BusinessMethod] the routing key of the handler to call",
            BusinessMethodProblemKind.ExtraParameter => "parameter '" + name + "' is not the payload (the first class, struct or record parameter; primitives and strings are headers), a [Header(\"name\")] value, MessageHeaders or a CancellationToken; remove it or mark it [Header(\"" + name + "\")]",
            _ => "'" + problem.Symbol.ContainingType.Name + "." + name + "' is not a [BusinessMethod] Estuary can implement, and an interface is implemented whole or not at all; make it a [BusinessMethod] or move it to another interface",
        };
    }
}
