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
/// EST0022: the host refuses to start when an asynchronous handler names a channel that AddEstuary()
/// does not declare. That is knowable only where the channels are declared: in a compilation that
/// declares some (AddInMemoryChannel, AddChannel, AddPostgresChannel with a constant name), every
/// [Asynchronous] channel of its handlers must be among them. A compilation declaring none, one
/// declaring a channel whose name is not a constant, or one handing the builder to a library that
/// may declare channels of its own, is not checked. A projection's [Asynchronous] (the channel of its
/// triggers) is checked the same way.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ChannelDeclarationAnalyzer : EstuaryAnalyzer
{
    private static readonly ImmutableHashSet<string> s_declarations = ImmutableHashSet.Create(StringComparer.Ordinal, "AddInMemoryChannel", "AddChannel", "AddPostgresChannel");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UndeclaredChannel);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols)
    {
        if (symbols.EstuaryBuilder is null || symbols.Asynchronous is null)
        {
            return;
        }

        var channels = new Channels();
        context.RegisterOperationAction(c => channels.Declare((IInvocationOperation)c.Operation, symbols), OperationKind.Invocation);
        OnMethod(context, (c, method) =>
        {
            foreach (var handler in HandlerInfo.Read(method, symbols))
            {
                if (handler.AsynchronousAttribute is { } attribute && handler.Channel is { Length: > 0 } channel)
                {
                    // A class's [Asynchronous] serves all its handlers: the location makes it one entry.
                    channels.Used.TryAdd(SyntaxLocations.Attribute(attribute, method, c.CancellationToken), channel);
                }
            }

            // A projection's [Asynchronous] is the channel of its triggers (its handlers run in its batches).
            if (KnownAttributes.Has(method.ContainingType, KnownNames.ProjectionAttribute)
                && AsynchronousShape.ReadClass(method.ContainingType) is { } trigger
                && KnownAttributes.Find(method.ContainingType, KnownNames.AsynchronousAttribute) is { } classAttribute)
            {
                channels.Used.TryAdd(SyntaxLocations.Attribute(classAttribute, method.ContainingType, c.CancellationToken), trigger.Channel);
            }
        });
        context.RegisterCompilationEndAction(c =>
        {
            if (channels.IsUnknowable || channels.Declared.IsEmpty)
            {
                return;
            }

            var declared = string.Join(", ", channels.Declared.Keys.OrderBy(n => n, StringComparer.Ordinal).Select(n => "'" + n + "'"));
            foreach (var used in channels.Used.Where(u => !channels.Declared.ContainsKey(u.Value)))
            {
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.UndeclaredChannel, used.Key, used.Value, declared));
            }
        });
    }

    /// <summary>What one compilation declares and uses; filled concurrently by the actions above.</summary>
    private sealed class Channels
    {
        private int _unknowable;

        public ConcurrentDictionary<string, byte> Declared { get; } = new(StringComparer.Ordinal);

        /// <summary>Each [Asynchronous] attribute's location and the channel it names.</summary>
        public ConcurrentDictionary<Location, string> Used { get; } = new();

        /// <summary>Whether some channel may be declared where its name cannot be read.</summary>
        public bool IsUnknowable => Volatile.Read(ref _unknowable) != 0;

        public void Declare(IInvocationOperation invocation, EstuarySymbols symbols)
        {
            var method = invocation.TargetMethod;
            var first = method.IsExtensionMethod ? 1 : 0;
            if (s_declarations.Contains(method.Name) && IsBuilder(Receiver(method), symbols) && method.Parameters.Length > first
                && method.Parameters[first].Type.SpecialType == SpecialType.System_String)
            {
                var name = invocation.Arguments.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.Parameter, method.Parameters[first]))?.Value.ConstantValue;
                if (name is { HasValue: true, Value: string channel })
                {
                    Declared.TryAdd(channel, 0);
                    return;
                }

                Interlocked.Exchange(ref _unknowable, 1);
            }
            else if (MayDeclareChannels(method, symbols))
            {
                Interlocked.Exchange(ref _unknowable, 1);
            }
        }

        private static ITypeSymbol? Receiver(IMethodSymbol method) =>
            method.IsExtensionMethod ? method.Parameters.FirstOrDefault()?.Type : method.ContainingType;

        /// <summary>
        /// A method compiled elsewhere, outside Estuary's own packages, that is given a builder: a
        /// library's <c>AddShipping(this EstuaryBuilder)</c> may declare channels this analyzer cannot
        /// see. Methods of this compilation need no such care, their own calls are analyzed.
        /// </summary>
        private static bool MayDeclareChannels(IMethodSymbol method, EstuarySymbols symbols) =>
            method.OriginalDefinition.DeclaringSyntaxReferences.IsEmpty
            && (method.Parameters.Any(p => IsBuilder(p.Type, symbols)) || (!method.IsStatic && IsBuilder(method.ContainingType, symbols)))
            && !EstuaryNamespaces.Contains(method.ContainingNamespace);

        /// <summary>EstuaryBuilder, or a builder of an Estuary package (Estuary.Postgres.PostgresBuilder).</summary>
        private static bool IsBuilder(ITypeSymbol? type, EstuarySymbols symbols) =>
            type is INamedTypeSymbol named
            && (EstuarySymbols.Is(named, symbols.EstuaryBuilder) || (named.Name.EndsWith("Builder", StringComparison.Ordinal) && EstuaryNamespaces.Contains(named.ContainingNamespace)));
    }
}
