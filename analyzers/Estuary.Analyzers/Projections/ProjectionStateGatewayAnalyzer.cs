using System.Collections.Immutable;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0049: a [ProjectionStateGateway] method the generator cannot implement (ProjectionStateGatewayShape
/// says why). Its interface then gets no implementation at all, so injecting it would fail at run time.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ProjectionStateGatewayAnalyzer : EstuaryAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ProjectionStateGatewayShape);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        OnMethod(context, static (c, method) =>
        {
            if (ProjectionStateGatewayShape.Read(method, out var problem) is null && problem is not null
                && KnownAttributes.Find(method, KnownNames.ProjectionStateGatewayAttribute) is { } attribute)
            {
                c.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.ProjectionStateGatewayShape,
                    SyntaxLocations.Attribute(attribute, method, c.CancellationToken),
                    method.ContainingType.Name + "." + method.Name,
                    problem));
            }
        });
}
