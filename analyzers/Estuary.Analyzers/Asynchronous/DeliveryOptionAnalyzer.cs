using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0021: [Delayed], [TimeToLive], [Retry] and [Deduplicated] tell a channel how to deliver an
/// asynchronous handler's messages. A synchronous handler runs during the send, with no channel in
/// between, so on it, on a method that is no handler, or on a class without asynchronous handlers,
/// they do nothing. An interceptor taking the attribute as a parameter gives it a meaning of its
/// own, so such an attribute is not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DeliveryOptionAnalyzer : EstuaryAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.DeliveryOptionWithoutEffect);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols)
    {
        var options = new[] { symbols.Delayed, symbols.TimeToLive, symbols.Retry, symbols.Deduplicated }.OfType<INamedTypeSymbol>().ToImmutableArray();
        if (options.IsEmpty)
        {
            return;
        }

        context.RegisterSymbolAction(
            c =>
            {
                var found = c.Symbol.GetAttributes().Where(a => options.Any(o => EstuarySymbols.Is(a.AttributeClass, o))).ToList();
                var (subject, reason) = c.Symbol switch
                {
                    IMethodSymbol method when found.Count > 0 => (Names.Display(method), Reason(method, symbols)),
                    INamedTypeSymbol type when found.Count > 0 => (type.Name, Reason(type, symbols)),
                    _ => (string.Empty, null),
                };
                if (reason is null)
                {
                    return;
                }

                var index = EstuaryIndex.For(c.Compilation, symbols, c.CancellationToken);
                foreach (var attribute in found.Where(a => !ReadByInterceptor(a.AttributeClass!, index)))
                {
                    var name = attribute.AttributeClass!.Name.Substring(0, attribute.AttributeClass.Name.Length - "Attribute".Length);
                    c.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.DeliveryOptionWithoutEffect,
                        SyntaxLocations.Attribute(attribute, c.Symbol, c.CancellationToken),
                        name,
                        subject,
                        reason + "remove [" + name + "]"));
                }
            },
            SymbolKind.Method,
            SymbolKind.NamedType);
    }

    /// <summary>Why the options on a method do nothing, up to the advice to remove them, or null when they apply.</summary>
    private static string? Reason(IMethodSymbol method, EstuarySymbols symbols)
    {
        var handlers = HandlerInfo.Read(method, symbols);
        if (handlers.IsEmpty)
        {
            return "it is not a handler; ";
        }

        return handlers.Any(h => h.IsAsynchronous) ? null : "it runs during the send, not through a channel; add [Asynchronous(\"channel\")] to it, or ";
    }

    /// <summary>Why the options on a class do nothing, or null when one of its handlers is asynchronous.</summary>
    private static string? Reason(INamedTypeSymbol type, EstuarySymbols symbols)
    {
        if (type.GetAttributes().Any(a => EstuarySymbols.Is(a.AttributeClass, symbols.Asynchronous))
            || type.GetMembers().OfType<IMethodSymbol>().Any(m => HandlerInfo.Read(m, symbols).Any(h => h.IsAsynchronous)))
        {
            return null;
        }

        return "none of its handlers is asynchronous; add [Asynchronous(\"channel\")] to the class or to its handlers, or ";
    }

    private static bool ReadByInterceptor(INamedTypeSymbol attribute, EstuaryIndex index) =>
        index.Interceptors.Any(i => i.AttributeParameters.Any(p => SymbolEqualityComparer.Default.Equals(p, attribute)));
}
