using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0023: messages wait on a channel with the endpoint id of the handler they are for. A default
/// id (Namespace.Type.Method) changes when the class, its namespace or the method is renamed, and
/// messages stored under the old id then find no handler and go to the dead letter.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ImplicitEndpointIdAnalyzer : EstuaryAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ImplicitEndpointId);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        OnMethod(context, (c, method) =>
        {
            foreach (var handler in HandlerInfo.Read(method, symbols))
            {
                if (handler.IsAsynchronousEndpoint && handler.ExplicitEndpointId is null)
                {
                    c.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.ImplicitEndpointId,
                        SyntaxLocations.Attribute(handler.Attribute, method, c.CancellationToken),
                        handler.DisplayName,
                        handler.EndpointId,
                        handler.AttributeName));
                }
            }
        });
}
