using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0008: interceptors are woven at compile time into the endpoints of their own project only,
/// so one whose pointcut selects no handler here (or no gateway, for a bus pointcut) never runs.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PointcutAnalyzer : EstuaryAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.PointcutMatchesNothing);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        OnMethod(context, (c, method) =>
        {
            foreach (var interceptor in InterceptorInfo.Read(method, symbols))
            {
                // An interceptor the generator cannot weave is already reported by EST0006, EST0007 or EST0009.
                if (!interceptor.IsWoven)
                {
                    continue;
                }

                var index = EstuaryIndex.For(c.Compilation, symbols, c.CancellationToken);
                if (WhyNothing(interceptor, index) is { } reason)
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.PointcutMatchesNothing, SyntaxLocations.Attribute(interceptor.Attribute, method, c.CancellationToken), interceptor.DisplayName, reason));
                }
            }
        });

    private static string? WhyNothing(InterceptorInfo interceptor, EstuaryIndex index)
    {
        if (interceptor.Pointcut == PointcutKind.Bus)
        {
            var bus = Names.Type(interceptor.PointcutType!);
            return interceptor.Kind == InterceptorKind.Around ? "gateways run only [Before] and [After] interceptors, so an [Around] with bus pointcut '" + bus + "' never runs; use [Before] or [After]"
                : index.Gateways.Any(g => PointcutRules.AppliesToGateway(interceptor.Kind, interceptor.Spec, GatewayTypes(g))) ? null
                : "no gateway interface is '" + bus + "' or derives from it";
        }

        if (index.Handlers.Any(h => h.IsWired && PointcutRules.Applies(interceptor.Spec, h.Target)))
        {
            return null;
        }

        var conditions = Conditions(interceptor).ToList();
        return conditions.Count == 0
            ? "this project has no handlers to wrap (interceptors apply to the handlers of their own project)"
            : "no handler " + string.Join(" and ", conditions);
    }

    private static IEnumerable<string> Conditions(InterceptorInfo interceptor)
    {
        if (interceptor.Pointcut == PointcutKind.Attribute)
        {
            yield return "is marked [" + AttributeName(interceptor.PointcutType!) + "]";
        }
        else if (interceptor.Pointcut == PointcutKind.Type)
        {
            yield return "is declared in '" + Names.Type(interceptor.PointcutType!) + "' or a type deriving from it";
        }

        foreach (var attribute in interceptor.AttributeParameters.Where(a => !SymbolEqualityComparer.Default.Equals(a, interceptor.PointcutType)))
        {
            yield return "is marked [" + AttributeName(attribute) + "]";
        }

        if (interceptor.Options.Namespace is { } ns)
        {
            yield return "is in namespace '" + ns + "'";
        }

        if (interceptor.MessageType is { } messageType)
        {
            yield return "takes a '" + Names.Type(messageType) + "'";
        }
    }

    // The gateway's name and its buses', spelled as the generator's GatewayModel spells them.
    private static HashSet<string> GatewayTypes(INamedTypeSymbol gateway) =>
        PointcutRules.GatewayTypes(SymbolNames.FullNonNullable(gateway), BusTypes.BusesOf(gateway).Select(HandlerRules.MetadataName));

    private static string AttributeName(ITypeSymbol type) =>
        type.Name.EndsWith("Attribute", System.StringComparison.Ordinal) ? type.Name.Substring(0, type.Name.Length - "Attribute".Length) : type.Name;
}
