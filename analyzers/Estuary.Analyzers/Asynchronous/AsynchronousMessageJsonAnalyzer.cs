using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0025: an asynchronous handler's message is serialized to JSON on its way through the channel,
/// with metadata from a JsonSerializerContext of the project (there is no reflection fallback), and a
/// [MessageConsumer] reads its channel's bodies with it. A message no context lists fails on the first
/// send or receive; here it is reported where the handler is.
/// Messages taken as an interface or abstract class are left alone: what crosses is the concrete
/// type published, which may be listed elsewhere.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AsynchronousMessageJsonAnalyzer : EstuaryAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.AsynchronousMessageWithoutJson);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        OnMethod(context, (c, method) =>
        {
            foreach (var handler in HandlerInfo.Read(method, symbols))
            {
                if (handler.IsAsynchronousEndpoint && handler.MessageParameter is { } parameter)
                {
                    Check(c, symbols, parameter, handler.Channel!);
                }
            }

            // A [MessageConsumer] reads its channel's bodies with the same metadata.
            if (method.GetAttributes().FirstOrDefault(a => KnownAttributes.Is(a, KnownNames.MessageConsumerAttribute)) is { } consumer
                && MessageConsumerShape.Problem(method, consumer) is null && method.Parameters.Length > 0)
            {
                Check(c, symbols, method.Parameters[0], MessageConsumerShape.Channel(consumer)!);
            }
        });

    private static void Check(SymbolAnalysisContext c, EstuarySymbols symbols, IParameterSymbol parameter, string channel)
    {
        if (parameter.Type is not INamedTypeSymbol type || type.IsAbstract || type.TypeKind == TypeKind.Interface || type.SpecialType != SpecialType.None)
        {
            return;
        }

        var index = EstuaryIndex.For(c.Compilation, symbols, c.CancellationToken);
        if (index.JsonTypes.Contains(type))
        {
            return;
        }

        var name = Names.Type(type);
        var properties = ImmutableDictionary<string, string?>.Empty;
        string fix;
        if (index.JsonContexts.IsEmpty)
        {
            fix = "declare one, e.g. [JsonSerializable(typeof(" + name + "))] internal sealed partial class MessagesJson : JsonSerializerContext;";
        }
        else
        {
            var target = index.JsonContexts[0];
            properties = properties.Add(JsonContextCoverageAnalyzer.ContextProperty, HandlerRules.MetadataName(target));
            fix = "add [JsonSerializable(typeof(" + name + "))] to " + target.Name;
        }

        c.ReportDiagnostic(Diagnostic.Create(Descriptors.AsynchronousMessageWithoutJson, SyntaxLocations.ParameterType(parameter, c.CancellationToken), properties, name, channel, fix));
    }
}
