using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0007: generated code lives in the same assembly and calls handlers and interceptors directly,
/// so it needs an accessible, non-generic method on a type the container can create (or a static
/// method). Anything else the generator skips (Callability decides, for both).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CallableHandlerAnalyzer : EstuaryAnalyzer
{
    /// <summary>Diagnostic property set when making the method public is the whole fix.</summary>
    internal const string MakePublicProperty = "MakePublic";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UncallableHandler);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        OnMethod(context, (c, method) =>
        {
            // One report per method. A method that is also a handler is held to the handler's rules,
            // which are the stricter (its type must be a class).
            var handlers = HandlerInfo.Read(method, symbols);
            var call = handlers.Length > 0
                ? handlers.SelectMany(h => h.ProblemsOf(HandlerProblemKind.Uncallable)).FirstOrDefault()?.Call
                : InterceptorInfo.Read(method, symbols).SelectMany(i => i.ProblemsOf(InterceptorProblemKind.Uncallable)).FirstOrDefault()?.Call;
            if (call is { } problem)
            {
                var (text, makePublic) = Describe(method, problem);
                var properties = makePublic ? ImmutableDictionary<string, string?>.Empty.Add(MakePublicProperty, "true") : ImmutableDictionary<string, string?>.Empty;
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.UncallableHandler, SyntaxLocations.Of(method), properties, Names.Display(method), text));
            }
        });

    private static (string Text, bool MakePublic) Describe(IMethodSymbol method, CallProblem problem)
    {
        var name = problem.Symbol.Name;
        return problem.Kind switch
        {
            CallProblemKind.GenericMethod => ("it is generic; remove its type parameters (the generator cannot choose type arguments)", false),
            CallProblemKind.GenericType => ("its type '" + name + "' is generic; declare it in a non-generic class", false),

            // An override or explicit implementation cannot change its accessibility.
            CallProblemKind.Hidden => ("it is " + Describe(method.DeclaredAccessibility) + "; make it public or internal", !method.IsOverride && method.MethodKind == MethodKind.Ordinary),
            CallProblemKind.HiddenType => ("its type '" + name + "' is " + Describe(problem.Symbol.DeclaredAccessibility) + "; make it internal or public", false),
            CallProblemKind.FileLocalType => ("its type '" + name + "' is file-local, so generated files cannot name it; remove the 'file' modifier", false),
            CallProblemKind.InterfaceOwner => ("it is declared in interface '" + name + "'; declare it in a class, or make it static", false),
            CallProblemKind.AbstractOwner => ("'" + name + "' is abstract, so the container cannot create it; make the class concrete or the method static", false),
            _ => ("'" + name + "' is a " + TypeKindName((ITypeSymbol)problem.Symbol) + "; move the handler to a class or make it static", false),
        };
    }

    private static string TypeKindName(ITypeSymbol type) => type.TypeKind == TypeKind.Struct ? "struct" : type.TypeKind.ToString().ToLowerInvariant();

    private static string Describe(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Private => "private",
        Accessibility.Protected => "protected",
        _ => "private protected",
    };
}
