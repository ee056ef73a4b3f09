using System.Collections.Immutable;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Estuary.Analyzers;

/// <summary>
/// EST0011: the generated message registry points each message at the JSON metadata of a
/// JsonSerializerContext naming it. A project that declares a context wants source-generated
/// (trimming- and AOT-safe) JSON, so a handled message missing from every context is worth a hint.
/// Projects without any context are in-process only or use reflection on purpose: no hint there.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class JsonContextCoverageAnalyzer : EstuaryAnalyzer
{
    /// <summary>Diagnostic property: the metadata name of the context the code fix adds the type to.</summary>
    internal const string ContextProperty = "Context";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.MessageNotInJsonContext);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        OnMethod(context, (c, method) =>
        {
            foreach (var handler in HandlerInfo.Read(method, symbols))
            {
                // Asynchronous handlers' messages must cross a channel: EST0025 reports them, as a warning.
                if (!handler.IsWired || handler.IsAsynchronousEndpoint || handler.MessageParameter is not { } parameter || parameter.Type.SpecialType == SpecialType.System_Object
                    || HandlerRules.IsStoredEvent(parameter.Type))
                {
                    continue;
                }

                var index = EstuaryIndex.For(c.Compilation, symbols, c.CancellationToken);
                if (index.JsonContexts.IsEmpty || index.JsonTypes.Contains(parameter.Type))
                {
                    continue;
                }

                var target = index.JsonContexts[0];
                var properties = ImmutableDictionary<string, string?>.Empty.Add(ContextProperty, HandlerRules.MetadataName(target));
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.MessageNotInJsonContext, SyntaxLocations.ParameterType(parameter, c.CancellationToken), properties, Names.Type(parameter.Type), target.Name));
            }
        });
}
