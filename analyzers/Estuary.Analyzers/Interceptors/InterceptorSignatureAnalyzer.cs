using System.Collections.Immutable;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0009: each interceptor kind has a contract with the generated endpoint. An [Around] receives
/// the rest of the chain as an IInvocation and returns the result that replaces the handler's; a
/// [Before(ChangeHeaders = true)] returns the headers to merge. Other shapes are skipped or produce
/// generated code that does not compile.
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
                var kind = HandlerRules.ClassifyReturn(method, out var result);
                if (interceptor.Kind == InterceptorKind.Around)
                {
                    if (!interceptor.HasInvocation)
                    {
                        Report(c, SyntaxLocations.Of(method), interceptor, "an [Around] needs an IInvocation parameter; add one and call ProceedAsync() to run the handler");
                    }

                    if (!HandlerRules.HasResult(kind) || result?.SpecialType != SpecialType.System_Object)
                    {
                        Report(c, SyntaxLocations.ReturnType(method, c.CancellationToken), interceptor, "an [Around] must return object?, Task<object?> or ValueTask<object?>, as its result replaces the handler's (return await invocation.ProceedAsync())");
                    }
                }
                else if (interceptor.Kind == InterceptorKind.Before && interceptor.ChangeHeaders
                    && (!HandlerRules.HasResult(kind) || !EstuarySymbols.Is(result as INamedTypeSymbol, symbols.MessageHeaders)))
                {
                    Report(c, SyntaxLocations.ReturnType(method, c.CancellationToken), interceptor, "with ChangeHeaders = true it must return MessageHeaders (or Task/ValueTask of it), which are merged into the message's headers");
                }
            }
        });

    private static void Report(SymbolAnalysisContext context, Location location, InterceptorInfo interceptor, string problem) =>
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidInterceptorSignature, location, interceptor.DisplayName, problem));
}
