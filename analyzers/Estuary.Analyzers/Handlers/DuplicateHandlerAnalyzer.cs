using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0001, EST0002, EST0003: the runtime refuses to start when two composed handlers claim one
/// command type, query type or routing key. Within one project that is known at compile time.
/// An aggregate's static factory and instance action for one command are not rivals: the generator
/// merges such a pair into one load-or-create endpoint, and EST0030 reports a pair it cannot merge.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DuplicateHandlerAnalyzer : EstuaryAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.DuplicateCommandHandler, Descriptors.DuplicateRoutingKey, Descriptors.DuplicateQueryHandler);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        OnMethod(context, (c, method) =>
        {
            foreach (var handler in HandlerInfo.Read(method, symbols))
            {
                if (handler.IsEndpoint && handler.Kind != HandlerKind.Event)
                {
                    Analyze(c, handler, EstuaryIndex.For(c.Compilation, symbols, c.CancellationToken));
                }
            }
        });

    private static void Analyze(SymbolAnalysisContext context, HandlerInfo handler, EstuaryIndex index)
    {
        // Only handlers the generator wires reach the runtime; the first in source order is kept,
        // every later one is reported, naming the first.
        var rivals = index.Handlers.Where(h => h.IsEndpoint && h.Kind == handler.Kind && !LoadOrCreate(h, handler)).ToList();
        if (handler.MessageType is { } messageType)
        {
            var first = rivals.FirstOrDefault(h => h.MessageType is { } other && SymbolEqualityComparer.Default.Equals(other, messageType));
            if (first is not null && !IsSame(first, handler))
            {
                var descriptor = handler.Kind == HandlerKind.Command ? Descriptors.DuplicateCommandHandler : Descriptors.DuplicateQueryHandler;
                context.ReportDiagnostic(Diagnostic.Create(descriptor, SyntaxLocations.Of(handler.Method), new[] { SyntaxLocations.Of(first.Method) }, Names.Type(messageType), first.DisplayName, handler.DisplayName));
            }
        }

        if (handler.RoutingKey is { } key)
        {
            var first = rivals.FirstOrDefault(h => h.RoutingKey == key);
            if (first is not null && !IsSame(first, handler))
            {
                var kind = handler.Kind == HandlerKind.Command ? "command" : "query";
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.DuplicateRoutingKey, SyntaxLocations.Of(handler.Method), new[] { SyntaxLocations.Of(first.Method) }, key, kind, first.DisplayName, handler.DisplayName));
            }
        }
    }

    // A factory and another handler of its aggregate for the same message: merged, or EST0030.
    private static bool LoadOrCreate(HandlerInfo a, HandlerInfo b) =>
        !IsSame(a, b) && (LoadOrCreatePairs.IsFactory(a) || LoadOrCreatePairs.IsFactory(b)) && LoadOrCreatePairs.InSameGroup(a, b);

    private static bool IsSame(HandlerInfo a, HandlerInfo b) => SymbolEqualityComparer.Default.Equals(a.Method, b.Method) && a.Kind == b.Kind;
}
