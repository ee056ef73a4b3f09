using System.Collections.Immutable;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0009: each interceptor kind has a contract with the generated endpoint. An [Around] receives
/// the rest of the chain as an IInvocation and returns the result that replaces the handler's; a
/// [Before(ChangeHeaders = true)] returns the headers to merge. The generator skips other shapes.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InterceptorSignatureAnalyzer : EstuaryAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.InvalidInterceptorSignature);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        OnMethod(context, (c, method) =>
        {
            foreach (var interceptor in InterceptorInfo.Read(method, symbols))
            {
                foreach (var problem in interceptor.Problems)
                {
                    var (onReturnType, text) = problem.Kind switch
                    {
                        InterceptorProblemKind.AroundWithoutInvocation => (false, "an [Around] needs an IInvocation parameter; add one and call ProceedAsync() to run the handler"),
                        InterceptorProblemKind.AroundResult => (true, "an [Around] must return object?, Task<object?> or ValueTask<object?>, as its result replaces the handler's (return await invocation.ProceedAsync())"),
                        InterceptorProblemKind.ChangeHeadersResult => (true, "with ChangeHeaders = true it must return MessageHeaders (or Task/ValueTask of it), which are merged into the message's headers"),
                        _ => (false, null),
                    };
                    if (text is not null)
                    {
                        var location = onReturnType ? SyntaxLocations.ReturnType(method, c.CancellationToken) : SyntaxLocations.Of(method);
                        c.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidInterceptorSignature, location, interceptor.DisplayName, text));
                    }
                }
            }
        });
}
