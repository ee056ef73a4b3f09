using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0007: generated code lives in the same assembly and calls handlers and interceptors directly,
/// so it needs an accessible, non-generic method on a type the container can create (or a static
/// method). Anything else the generator skips.
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
            var isHandler = HandlerInfo.Read(method, symbols).Length > 0;
            if (!isHandler && InterceptorInfo.Read(method, symbols).Length == 0)
            {
                return;
            }

            if (Problem(method, isHandler) is { } problem)
            {
                var properties = problem.MakePublic ? ImmutableDictionary<string, string?>.Empty.Add(MakePublicProperty, "true") : ImmutableDictionary<string, string?>.Empty;
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.UncallableHandler, SyntaxLocations.Of(method), properties, Names.Display(method), problem.Text));
            }
        });

    // The order follows HandlerParser/InterceptorParser; interceptors may live in structs, handlers may not.
    private static (string Text, bool MakePublic)? Problem(IMethodSymbol method, bool isHandler)
    {
        if (method.IsGenericMethod)
        {
            return ("it is generic; remove its type parameters (the generator cannot choose type arguments)", false);
        }

        if (Names.ContainingTypes(method).FirstOrDefault(t => t.IsGenericType) is { } genericType)
        {
            return ("its type '" + genericType.Name + "' is generic; declare it in a non-generic class", false);
        }

        if (IsHidden(method))
        {
            // An override or explicit implementation cannot change its accessibility.
            var canFix = !method.IsOverride && method.MethodKind == MethodKind.Ordinary;
            return ("it is " + Describe(method.DeclaredAccessibility) + "; make it public or internal", canFix);
        }

        if (Names.ContainingTypes(method).FirstOrDefault(IsHidden) is { } hiddenType)
        {
            return ("its type '" + hiddenType.Name + "' is " + Describe(hiddenType.DeclaredAccessibility) + "; make it internal or public", false);
        }

        var type = method.ContainingType;
        if (method.IsStatic)
        {
            return null;
        }

        if (type.TypeKind == TypeKind.Interface)
        {
            return ("it is declared in interface '" + type.Name + "'; declare it in a class, or make it static", false);
        }

        if (type.IsAbstract)
        {
            return ("'" + type.Name + "' is abstract, so the container cannot create it; make the class concrete or the method static", false);
        }

        if (isHandler && type.TypeKind != TypeKind.Class)
        {
            return ("'" + type.Name + "' is a " + (type.TypeKind == TypeKind.Struct ? "struct" : type.TypeKind.ToString().ToLowerInvariant()) + "; move the handler to a class or make it static", false);
        }

        return null;
    }

    private static bool IsHidden(ISymbol symbol) => symbol.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal;

    private static string Describe(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Private => "private",
        Accessibility.Protected => "protected",
        _ => "private protected",
    };
}
