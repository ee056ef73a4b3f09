using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Estuary.Analyzers;

/// <summary>
/// EST0048: a projection's [FromStream("prefix")] names streams nothing in the build appends to: no
/// event-sourced aggregate or saga has that stream prefix, and no append the compilation makes
/// (<c>IEventStore.AppendAsync</c>, <c>ProjectionEmitter.LinkToAsync</c>) names a stream starting with it.
/// The projection would wait forever for events (a typo, or a renamed [Stream]). Knowable only when the
/// compilation sees every writer: it declares an event-sourced type, references no other library built
/// on Estuary (whose aggregates it cannot list), and every stream it appends to starts with a constant.
/// The streams projections emit to (<c>projection-{name}</c>) always exist.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ProjectionStreamAnalyzer : EstuaryAnalyzer
{
    // Estuary's own packages: referencing them does not hide aggregates from this compilation.
    private static readonly ImmutableHashSet<string> s_packages = ImmutableHashSet.Create(
        StringComparer.Ordinal, "Estuary", "Estuary.Postgres", "Estuary.EntityFrameworkCore", "Estuary.Testing", "Estuary.Cli", "Estuary.RabbitMQ", "Estuary.Kafka");

    private static readonly ImmutableHashSet<string> s_appends = ImmutableHashSet.Create(StringComparer.Ordinal, "AppendAsync", "LinkToAsync");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ProjectionStreamNeverAppended);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols)
    {
        if (context.Compilation.SourceModule.ReferencedAssemblySymbols.Any(ReferencesEstuary))
        {
            return;
        }

        var streams = new Streams();
        context.RegisterSymbolAction(c => streams.Read((INamedTypeSymbol)c.Symbol, c.CancellationToken), SymbolKind.NamedType);
        context.RegisterOperationAction(c => streams.Append((IInvocationOperation)c.Operation), OperationKind.Invocation);
        context.RegisterCompilationEndAction(c =>
        {
            if (streams.IsUnknowable || streams.Prefixes.IsEmpty)
            {
                return;
            }

            var known = string.Join(", ", streams.Prefixes.Keys.OrderBy(p => p, StringComparer.Ordinal).Select(p => "'" + p + "'"));
            foreach (var read in streams.Reads)
            {
                var (projection, prefix) = read.Value;
                if (!streams.Prefixes.ContainsKey(prefix) && prefix != "projection" && !streams.Appended.Keys.Any(a => a.StartsWith(prefix + "-", StringComparison.Ordinal)))
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.ProjectionStreamNeverAppended, read.Key, projection, prefix, known));
                }
            }
        });
    }

    // A library other than Estuary's packages that is built on Estuary may declare aggregates this compilation cannot list.
    private static bool ReferencesEstuary(IAssemblySymbol assembly) =>
        !s_packages.Contains(assembly.Name) && assembly.Modules.Any(m => m.ReferencedAssemblySymbols.Any(r => r.Name == "Estuary"));

    /// <summary>What one compilation reads and appends; filled concurrently by the actions above.</summary>
    private sealed class Streams
    {
        private int _unknowable;

        /// <summary>The stream prefixes of the event-sourced aggregates and sagas.</summary>
        public ConcurrentDictionary<string, byte> Prefixes { get; } = new(StringComparer.Ordinal);

        /// <summary>Each [FromStream] argument's location, with its projection class and prefix.</summary>
        public ConcurrentDictionary<Location, (string Projection, string Prefix)> Reads { get; } = new();

        /// <summary>The constant start of each stream the compilation appends to.</summary>
        public ConcurrentDictionary<string, byte> Appended { get; } = new(StringComparer.Ordinal);

        /// <summary>Whether some append names a stream whose start is not a constant.</summary>
        public bool IsUnknowable => Volatile.Read(ref _unknowable) != 0;

        public void Read(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            if (EventSourcedShape.IsEventSourced(type))
            {
                Prefixes.TryAdd(EventSourcedShape.StreamPrefix(type), 0);
            }

            if (!KnownAttributes.Has(type, KnownNames.ProjectionAttribute))
            {
                return;
            }

            foreach (var from in type.GetAttributes().Where(a => KnownAttributes.Is(a, KnownNames.FromStreamAttribute)))
            {
                if (from.ConstructorArguments.Length == 1 && from.ConstructorArguments[0].Value is string { Length: > 0 } prefix)
                {
                    var location = SyntaxLocations.ConstructorArgument(from, "prefix", 0, cancellationToken) ?? SyntaxLocations.Attribute(from, type, cancellationToken);
                    Reads.TryAdd(location, (type.Name, prefix));
                }
            }
        }

        public void Append(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (!s_appends.Contains(method.Name) || !EstuaryNamespaces.Contains(method.ContainingNamespace)
                || method.Parameters.FirstOrDefault() is not { Type.SpecialType: SpecialType.System_String } stream)
            {
                return;
            }

            var argument = invocation.Arguments.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.Parameter, stream));
            if (argument is not null && ConstantStart(argument.Value) is { Length: > 0 } start)
            {
                Appended.TryAdd(start, 0);
            }
            else
            {
                Interlocked.Exchange(ref _unknowable, 1);
            }
        }

        // "orders-1", $"orders-{id}", "orders-" + id: the text a stream id surely starts with.
        private static string? ConstantStart(IOperation value) => value switch
        {
            { ConstantValue: { HasValue: true, Value: string text } } => text,
            IInterpolatedStringOperation interpolated when interpolated.Parts.FirstOrDefault() is IInterpolatedStringTextOperation { Text.ConstantValue.Value: string text } => text,
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add => ConstantStart(add.LeftOperand),
            IConversionOperation conversion => ConstantStart(conversion.Operand),
            _ => null,
        };
    }
}
