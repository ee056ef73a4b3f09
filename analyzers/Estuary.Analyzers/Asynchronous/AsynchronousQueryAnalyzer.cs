using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0017: the sender of a query waits for its answer, while an asynchronous handler runs later on
/// its channel's consumer, with nobody waiting. The generator skips such a handler (HandlerShape).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AsynchronousQueryAnalyzer : EstuaryAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.AsynchronousQuery);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        OnMethod(context, (c, method) =>
        {
            var query = HandlerInfo.Read(method, symbols).FirstOrDefault(h => h.ProblemsOf(HandlerProblemKind.AsynchronousQuery).Any());
            if (query?.AsynchronousAttribute is not { } attribute)
            {
                return;
            }

            // On the method, the attribute is what to remove; on the class, it is shared with the
            // class's other handlers, so the squiggle goes on the query and the advice is to move it.
            var onMethod = method.GetAttributes().Contains(attribute);
            var location = onMethod ? SyntaxLocations.Attribute(attribute, method, c.CancellationToken) : SyntaxLocations.Of(method);
            var fix = onMethod
                ? "remove [Asynchronous], or, if the work must run later, make it an asynchronous [CommandHandler] that publishes the answer as an event"
                : "move it to a class without [Asynchronous], '" + method.ContainingType.Name + "' has one and it applies to every handler in the class";
            c.ReportDiagnostic(Diagnostic.Create(Descriptors.AsynchronousQuery, location, query.DisplayName, fix));
        });
}
