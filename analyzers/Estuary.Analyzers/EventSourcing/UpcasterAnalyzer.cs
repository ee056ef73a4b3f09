using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0038: an [Upcaster] that never runs. UpcasterParser skips, silently, a method that is not an
/// accessible, non-generic <c>static JsonObject M(JsonObject)</c> (reported on the method) and a
/// FromRevision below 1; the runtime never calls one reading the event's current revision or a later
/// one, since only events stored at an older revision are upcast (both reported on the argument).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UpcasterAnalyzer : EstuaryAnalyzer
{
    private const string JsonObject = "System.Text.Json.Nodes.JsonObject";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.InvalidUpcaster);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        OnMethod(context, (c, method) =>
        {
            var attribute = method.GetAttributes().FirstOrDefault(a => KnownAttributes.Is(a, KnownNames.UpcasterAttribute));
            if (attribute is null)
            {
                return;
            }

            if (ShapeProblem(method) is { } shape)
            {
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidUpcaster, SyntaxLocations.Of(method), Names.Display(method), shape));
            }

            if (attribute.ConstructorArguments.Length != 2 || attribute.ConstructorArguments[1].Value is not int from)
            {
                return;
            }

            if (attribute.ConstructorArguments[0].Value is not INamedTypeSymbol eventType)
            {
                var location = SyntaxLocations.ConstructorArgument(attribute, "eventType", 0, c.CancellationToken) ?? SyntaxLocations.Attribute(attribute, method, c.CancellationToken);
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidUpcaster, location, Names.Display(method), "the event type must be the event's class or struct, typeof(TheEvent)"));
                return;
            }

            if (RevisionProblem(eventType, from) is { } revision)
            {
                var location = SyntaxLocations.ConstructorArgument(attribute, "fromRevision", 1, c.CancellationToken) ?? SyntaxLocations.Attribute(attribute, method, c.CancellationToken);
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidUpcaster, location, Names.Display(method), revision));
            }
        });

    // UpcasterParser's checks of the method, in its order.
    private static string? ShapeProblem(IMethodSymbol method)
    {
        var declaration = "static JsonObject " + method.Name + "(JsonObject json)";
        if (!method.IsStatic)
        {
            return "it is an instance method, and upcasters are called without an instance; declare it as " + declaration;
        }

        if (method.IsGenericMethod)
        {
            return "it is generic; declare it as " + declaration;
        }

        if (Callability.Inaccessible(method) is { } hidden)
        {
            return "it " + EventSourcedMembers.Hidden(method, hidden) + ", so generated code cannot call it; make it public or internal";
        }

        return method.Parameters.Length != 1 || method.Parameters[0].Type.ToDisplayString() != JsonObject || method.ReturnType.ToDisplayString() != JsonObject
            ? "it must take the stored JSON and return the next revision's, both as System.Text.Json.Nodes.JsonObject without '?'; declare it as " + declaration
            : null;
    }

    // What the runtime upcasts: events stored at revisions 1 to the current one minus 1, one step each.
    private static string? RevisionProblem(INamedTypeSymbol eventType, int from)
    {
        if (from < 1)
        {
            return "FromRevision is " + from + ", and revisions start at 1; give the revision of the stored JSON the method reads";
        }

        var current = Revision(eventType);
        var name = Names.Type(eventType);
        return from >= current
            ? "it reads revision " + from + " of " + name + ", whose current revision is " + current + (HasRevision(eventType) ? string.Empty : " (it has no [Revision])")
                + ", and only events stored at an older revision are upcast; when the schema changes, raise the revision with [Revision(" + (from + 1) + ")] on " + name + ", or fix FromRevision"
            : null;
    }

    // As SymbolNames.Revision in the generator: [Revision(n)] when n > 1, else 1.
    private static int Revision(ITypeSymbol type) =>
        RevisionAttribute(type) is { ConstructorArguments.Length: 1 } attribute && attribute.ConstructorArguments[0].Value is int revision && revision > 1 ? revision : 1;

    private static bool HasRevision(ITypeSymbol type) => RevisionAttribute(type) is not null;

    private static AttributeData? RevisionAttribute(ITypeSymbol type) =>
        type.GetAttributes().FirstOrDefault(a => KnownAttributes.Is(a, KnownNames.RevisionAttribute));
}
