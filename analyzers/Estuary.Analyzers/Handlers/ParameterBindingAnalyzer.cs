using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0006: a handler or interceptor parameter the binding rules (HandlerRules) cannot bind. The
/// generator skips the whole method, so the handler silently never runs.
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
            var unbindable = HandlerInfo.Read(method, symbols)
                .SelectMany(h => h.ProblemsOf(HandlerProblemKind.UnbindableParameter).Select(p => (h.DisplayName, p.Parameter!, p.Binding!.Value)))
                .Concat(InterceptorInfo.Read(method, symbols)
                    .SelectMany(i => i.ProblemsOf(InterceptorProblemKind.UnbindableParameter).Select(p => (i.DisplayName, p.Parameter!, p.Binding!.Value))));

            // A parameter is reported once even if the method is both a handler and an interceptor.
            var reported = new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default);
            foreach (var (owner, parameter, problem) in unbindable)
            {
                if (Describe(parameter, problem) is { } reason && reported.Add(parameter))
                {
                    var properties = reason.AddHeader ? ImmutableDictionary<string, string?>.Empty.Add(AddHeaderProperty, parameter.Name) : ImmutableDictionary<string, string?>.Empty;
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.UnbindableParameter, SyntaxLocations.Of(parameter), properties, parameter.Name, owner, reason.Text));
                }
            }
        });

    internal static (string Text, bool AddHeader)? Describe(IParameterSymbol parameter, ParameterProblem problem) => problem switch
    {
        ParameterProblem.EmptyHeaderName => ("[Header] needs a header name, e.g. [Header(\"" + parameter.Name + "\")]", false),
        ParameterProblem.NotByValue => ("'" + (parameter.IsParams ? "params" : parameter.RefKind.ToString().ToLowerInvariant()) + "' parameters cannot be bound; take it by value", false),
        ParameterProblem.InvocationOutsideAround => ("IInvocation is only given to [Around] interceptors; make this an [Around] or remove the parameter", false),
        ParameterProblem.MessageByReference => ("a message is passed by value; remove '" + (parameter.RefKind == RefKind.Ref ? "ref" : "out") + "'", false),
        ParameterProblem.NotAMessageType => NotAMessage(parameter.Type) is { } what ? (what + " cannot be a message; take a class, record or struct", false) : null,
        _ => ("a " + Names.Type(parameter.Type) + " is not a service; add [Header(\"" + parameter.Name + "\")] to read it from a message header, or take a service, MessageContext, MessageHeaders or CancellationToken", true),
    };

    private static string? NotAMessage(ITypeSymbol type) => type.TypeKind switch
    {
        // A type parameter means a generic method or type, which EST0007 reports.
        TypeKind.TypeParameter => null,
        TypeKind.Pointer => "a pointer",
        TypeKind.FunctionPointer => "a function pointer",
        TypeKind.Array => "an array",
        TypeKind.Delegate => "a delegate",
        _ => "'" + Names.Type(type) + "'",
    };
}
