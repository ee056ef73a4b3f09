using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0006: a handler or interceptor parameter that HandlerRules.ClassifyParameter cannot bind.
/// The generator skips the whole method, so the handler silently never runs.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ParameterBindingAnalyzer : EstuaryAnalyzer
{
    /// <summary>Diagnostic property set when adding [Header("name")] is the likely fix.</summary>
    internal const string AddHeaderProperty = "AddHeader";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UnbindableParameter);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        OnMethod(context, (c, method) =>
        {
            // A parameter is reported once even if the method is both a handler and an interceptor.
            var reported = new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default);
            foreach (var handler in HandlerInfo.Read(method, symbols))
            {
                for (var i = 0; i < method.Parameters.Length; i++)
                {
                    var parameter = method.Parameters[i];
                    var reason = i == 0 && handler.MessageParameter is not null ? MessageProblem(parameter) : Problem(parameter, isInterceptor: false, isAround: false);
                    Report(c, handler.DisplayName, parameter, reason, reported);
                }
            }

            foreach (var interceptor in InterceptorInfo.Read(method, symbols))
            {
                for (var i = 0; i < method.Parameters.Length; i++)
                {
                    var parameter = method.Parameters[i];
                    // An empty [Header] name is never meant, even where the generator would take the parameter as the message.
                    var reason = InterceptorInfo.IsMessageParameter(parameter, i) && !HasEmptyHeader(parameter)
                        ? null
                        : Problem(parameter, isInterceptor: true, isAround: interceptor.Kind == InterceptorKind.Around);
                    Report(c, interceptor.DisplayName, parameter, reason, reported);
                }
            }
        });

    private static void Report(SymbolAnalysisContext context, string owner, IParameterSymbol parameter, (string Text, bool AddHeader)? reason, HashSet<IParameterSymbol> reported)
    {
        if (reason is not { } problem || !reported.Add(parameter))
        {
            return;
        }

        var properties = problem.AddHeader ? ImmutableDictionary<string, string?>.Empty.Add(AddHeaderProperty, parameter.Name) : ImmutableDictionary<string, string?>.Empty;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnbindableParameter, SyntaxLocations.Of(parameter), properties, parameter.Name, owner, problem.Text));
    }

    /// <summary>HandlerParser's test of the message parameter; generic messages are EST0007's business.</summary>
    private static (string, bool)? MessageProblem(IParameterSymbol message) =>
        message.RefKind is RefKind.Ref or RefKind.Out ? ("a message is passed by value; remove '" + (message.RefKind == RefKind.Ref ? "ref" : "out") + "'", false)
        : message.Type.TypeKind == TypeKind.Pointer ? ("a pointer cannot be a message; take a class, record or struct", false)
        : null;

    private static (string, bool)? Problem(IParameterSymbol parameter, bool isInterceptor, bool isAround)
    {
        var binding = HandlerRules.ClassifyParameter(parameter, isInterceptor, out _);
        if (binding is not (ParameterBinding.Unbindable or ParameterBinding.Invocation) || (binding == ParameterBinding.Invocation && isAround))
        {
            return null;
        }

        if (HasEmptyHeader(parameter))
        {
            return ("[Header] needs a header name, e.g. [Header(\"" + parameter.Name + "\")]", false);
        }

        if (parameter.RefKind != RefKind.None || parameter.IsParams)
        {
            var modifier = parameter.IsParams ? "params" : parameter.RefKind.ToString().ToLowerInvariant();
            return ("'" + modifier + "' parameters cannot be bound; take it by value", false);
        }

        if (HandlerRules.MetadataName(parameter.Type) == KnownNames.Invocation)
        {
            return ("IInvocation is only given to [Around] interceptors; make this an [Around] or remove the parameter", false);
        }

        return ("a " + Names.Type(parameter.Type) + " is not a service; add [Header(\"" + parameter.Name + "\")] to read it from a message header, or take a service, MessageContext, MessageHeaders or CancellationToken", true);
    }

    private static bool HasEmptyHeader(IParameterSymbol parameter) =>
        parameter.GetAttributes().Any(a => a.AttributeClass is { } c && HandlerRules.MetadataName(c) == KnownNames.HeaderAttribute
            && string.IsNullOrEmpty(a.ConstructorArguments.FirstOrDefault().Value as string));
}
