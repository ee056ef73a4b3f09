using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0020: a message received from a channel carries its endpoint id, which selects the handler
/// to call, so the host refuses to start when two asynchronous endpoints share one. Default ids
/// (Namespace.Type.Method) collide for overloads; explicit ones for copy and paste.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DuplicateEndpointIdAnalyzer : EstuaryAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.DuplicateEndpointId);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        OnMethod(context, (c, method) =>
        {
            foreach (var handler in HandlerInfo.Read(method, symbols).Where(h => h.IsAsynchronousEndpoint))
            {
                // As for duplicate handlers, the first in source order is kept and each later one
                // is reported, naming the first.
                var index = EstuaryIndex.For(c.Compilation, symbols, c.CancellationToken);
                var id = handler.EndpointId;
                var first = index.Handlers.FirstOrDefault(h => h.IsAsynchronousEndpoint && h.EndpointId == id);
                if (first is null || IsSame(first, handler))
                {
                    continue;
                }

                // Overloads share a display name; their message types tell them apart.
                var (name, firstName) = first.DisplayName == handler.DisplayName ? (WithMessage(handler), WithMessage(first)) : (handler.DisplayName, first.DisplayName);
                var fix = handler.ExplicitEndpointId is null ? "give " + name + " an explicit EndpointId" : "give " + name + " another EndpointId";
                c.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.DuplicateEndpointId,
                    Location(handler, c.CancellationToken),
                    new[] { Location(first, c.CancellationToken) },
                    id,
                    name,
                    firstName,
                    fix));
            }
        });

    /// <summary>The EndpointId argument if there is one, else the method's name.</summary>
    private static Location Location(HandlerInfo handler, CancellationToken cancellationToken) =>
        (handler.ExplicitEndpointId is null ? null : SyntaxLocations.NamedArgument(handler.Attribute, "EndpointId", cancellationToken)) ?? SyntaxLocations.Of(handler.Method);

    private static string WithMessage(HandlerInfo handler) =>
        handler.MessageType is { } message ? handler.DisplayName + "(" + Names.Type(message) + ")" : handler.DisplayName + " [" + handler.AttributeName + "]";

    private static bool IsSame(HandlerInfo a, HandlerInfo b) => SymbolEqualityComparer.Default.Equals(a.Method, b.Method) && a.Kind == b.Kind;
}
