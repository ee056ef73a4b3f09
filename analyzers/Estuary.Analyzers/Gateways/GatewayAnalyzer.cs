using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0014: any interface deriving from a bus interface is a gateway the generator implements and
/// registers. One it cannot implement is skipped, and resolving it from the container fails at
/// run time.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GatewayAnalyzer : EstuaryAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.GatewayNotGenerated);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        context.RegisterSymbolAction(
            c =>
            {
                var type = (INamedTypeSymbol)c.Symbol;
                if (GatewayRules.DerivesFromBus(type) && GatewayRules.WhyNot(type) is { } reason)
                {
                    var buses = string.Join(", ", type.AllInterfaces.Where(InterceptorInfo.IsBusName).Select(b => b.Name));
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.GatewayNotGenerated, SyntaxLocations.Of(type), type.Name, buses, reason));
                }
            },
            SymbolKind.NamedType);
}
