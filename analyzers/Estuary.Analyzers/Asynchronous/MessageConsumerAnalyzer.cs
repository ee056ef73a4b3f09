using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// [MessageConsumer] methods (MessageConsumerShape decides, as for the generator). EST0052: a method
/// the generator leaves out, with the reason. EST0053: two message consumers on one channel of the
/// compilation (the host refuses them at start too).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MessageConsumerAnalyzer : EstuaryAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.MessageConsumerNotWired, Descriptors.TwoMessageConsumersOnOneChannel);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols)
    {
        var byChannel = new ConcurrentDictionary<string, ConcurrentBag<(IMethodSymbol Method, AttributeData Attribute)>>(System.StringComparer.Ordinal);
        context.RegisterSymbolAction(c => Analyze(c, byChannel), SymbolKind.Method);
        context.RegisterCompilationEndAction(c =>
        {
            foreach (var pair in byChannel)
            {
                var consumers = pair.Value.OrderBy(m => m.Method.ContainingType.ToDisplayString(), System.StringComparer.Ordinal).ThenBy(m => m.Method.Name, System.StringComparer.Ordinal).ToList();
                foreach (var later in consumers.Skip(1))
                {
                    c.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.TwoMessageConsumersOnOneChannel,
                        SyntaxLocations.Attribute(later.Attribute, later.Method, c.CancellationToken),
                        pair.Key,
                        Name(consumers[0].Method),
                        Name(later.Method)));
                }
            }
        });
    }

    private static void Analyze(SymbolAnalysisContext context, ConcurrentDictionary<string, ConcurrentBag<(IMethodSymbol, AttributeData)>> byChannel)
    {
        var method = (IMethodSymbol)context.Symbol;
        var attribute = method.GetAttributes().FirstOrDefault(a => KnownAttributes.Is(a, KnownNames.MessageConsumerAttribute));
        if (attribute is null)
        {
            return;
        }

        if (MessageConsumerShape.Problem(method, attribute) is { } problem)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.MessageConsumerNotWired, SyntaxLocations.Attribute(attribute, method, context.CancellationToken), Name(method), Reason(problem)));
            return;
        }

        byChannel.GetOrAdd(MessageConsumerShape.Channel(attribute)!, static _ => []).Add((method, attribute));
    }

    private static string Name(IMethodSymbol method) => method.ContainingType.Name + "." + method.Name;

    private static string Reason(MessageConsumerProblem problem) => problem.Kind switch
    {
        MessageConsumerProblemKind.NoChannel => "it names no channel; give the channel its messages come from, e.g. [MessageConsumer(\"crm-customers\")]",
        MessageConsumerProblemKind.AlsoAHandler => "it is also a command, query or event handler or a [Scheduled] method; a message consumer is a method of its own",
        MessageConsumerProblemKind.ChannelGivenTwice => "it also has [Asynchronous]; the channel is the one [MessageConsumer] names, remove [Asynchronous]",
        MessageConsumerProblemKind.InAggregateOrProjection => "it belongs to an aggregate, a saga or a projection; move it to a class of its own and call them from there",
        _ => problem.Handler?.Kind switch
        {
            HandlerProblemKind.NoMessage => "it has no parameter for the message body; make the first parameter the type its JSON is read into",
            HandlerProblemKind.UnbindableParameter => $"parameter '{problem.Handler.Parameter?.Name}' cannot be bound (see EST0006)",
            HandlerProblemKind.Uncallable => "generated code cannot call it (see EST0007)",
            _ => "it cannot be wired as a handler",
        },
    };
}
