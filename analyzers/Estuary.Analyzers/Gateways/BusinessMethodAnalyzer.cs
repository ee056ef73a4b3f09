using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0016: a [BusinessMethod] is implemented as a routed send, so besides the payload it can only
/// take what becomes part of the send: headers and a cancellation token. The generator skips a
/// method it cannot implement, which leaves the generated class incomplete.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BusinessMethodAnalyzer : EstuaryAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.BusinessMethodNotGenerated);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        OnMethod(context, (c, method) =>
        {
            var attribute = method.GetAttributes().FirstOrDefault(a => EstuarySymbols.Is(a.AttributeClass, symbols.BusinessMethod));
            if (attribute is not null && Problem(method, attribute) is { } problem)
            {
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.BusinessMethodNotGenerated, SyntaxLocations.Of(problem.At), Names.Display(method), problem.Text));
            }
        });

    // Mirrors GatewayParser.ParseBusinessMethod.
    private static (ISymbol At, string Text)? Problem(IMethodSymbol method, AttributeData attribute)
    {
        if (method.ContainingType.TypeKind != TypeKind.Interface)
        {
            return (method, "it is not declared in an interface; Estuary implements [BusinessMethod] methods of interfaces");
        }

        if (method.IsGenericMethod)
        {
            return (method, "it is generic; remove its type parameters");
        }

        if (attribute.ConstructorArguments.FirstOrDefault().Value is not string)
        {
            return (method, "it has no routing key; give [BusinessMethod] the routing key of the handler to call");
        }

        var hasPayload = false;
        foreach (var parameter in method.Parameters)
        {
            var binding = HandlerRules.ClassifyParameter(parameter, isInterceptor: false, out _);
            if (!hasPayload && binding is ParameterBinding.Service && parameter.RefKind == RefKind.None)
            {
                hasPayload = true;
                continue;
            }

            if (binding is not (ParameterBinding.Header or ParameterBinding.CancellationToken or ParameterBinding.AllHeaders))
            {
                return (parameter, "parameter '" + parameter.Name + "' is not the payload (the first object parameter), a [Header(\"name\")] value, MessageHeaders or a CancellationToken; remove it or mark it [Header(\"" + parameter.Name + "\")]");
            }
        }

        return null;
    }
}
