using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;

namespace Estuary.Analyzers;

/// <summary>
/// Everything declared in a compilation's source that several analyzers need to see at once:
/// handlers, interceptors, gateways and JSON contexts. Built on first use and shared by all
/// analyzers of the compilation, so rules needing the whole picture (duplicates, pointcuts, sends)
/// still report from symbol and operation actions and show live in the editor.
/// </summary>
internal sealed class EstuaryIndex
{
    private static readonly ConditionalWeakTable<Compilation, EstuaryIndex> s_cache = new();

    private EstuaryIndex(EstuarySymbols symbols, ImmutableArray<HandlerInfo> handlers, ImmutableArray<InterceptorInfo> interceptors, ImmutableArray<INamedTypeSymbol> gateways, ImmutableArray<INamedTypeSymbol> jsonContexts)
    {
        Symbols = symbols;
        Handlers = handlers;
        Interceptors = interceptors;
        Gateways = gateways;
        JsonContexts = jsonContexts;
        JsonTypes = ImmutableHashSet.CreateRange<ITypeSymbol>(
            SymbolEqualityComparer.Default,
            jsonContexts.SelectMany(c => c.GetAttributes())
                .Where(a => EstuarySymbols.Is(a.AttributeClass, symbols.JsonSerializable))
                .Select(a => a.ConstructorArguments.FirstOrDefault().Value as ITypeSymbol)
                .OfType<ITypeSymbol>());
    }

    public EstuarySymbols Symbols { get; }

    /// <summary>Every handler attribute in source, wired or not, in source order.</summary>
    public ImmutableArray<HandlerInfo> Handlers { get; }

    /// <summary>Every interceptor attribute in source, woven or not.</summary>
    public ImmutableArray<InterceptorInfo> Interceptors { get; }

    /// <summary>Interfaces the generator implements as gateways (GatewayShape).</summary>
    public ImmutableArray<INamedTypeSymbol> Gateways { get; }

    /// <summary>JsonSerializerContext classes the generator can point its registry at, in source order.</summary>
    public ImmutableArray<INamedTypeSymbol> JsonContexts { get; }

    /// <summary>The types named by [JsonSerializable] on those contexts.</summary>
    public ImmutableHashSet<ITypeSymbol> JsonTypes { get; }

    public static EstuaryIndex For(Compilation compilation, EstuarySymbols symbols, CancellationToken cancellationToken) =>
        s_cache.GetValue(compilation, c => Build(c, symbols, cancellationToken));

    private static EstuaryIndex Build(Compilation compilation, EstuarySymbols symbols, CancellationToken cancellationToken)
    {
        var handlers = ImmutableArray.CreateBuilder<HandlerInfo>();
        var interceptors = ImmutableArray.CreateBuilder<InterceptorInfo>();
        var gateways = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        var contexts = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (var type in SourceTypes(compilation.Assembly.GlobalNamespace))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (GatewayShape.IsGateway(type))
            {
                gateways.Add(type);
            }

            if (JsonContextRules.IsUsable(type))
            {
                contexts.Add(type);
            }

            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol method)
                {
                    handlers.AddRange(HandlerInfo.Read(method, symbols));
                    interceptors.AddRange(InterceptorInfo.Read(method, symbols));
                }
            }
        }

        return new EstuaryIndex(symbols, SourceOrder(handlers, h => h.Method), SourceOrder(interceptors, i => i.Method), gateways.ToImmutable(), SourceOrder(contexts, c => c));
    }

    private static IEnumerable<INamedTypeSymbol> SourceTypes(INamespaceSymbol ns)
    {
        foreach (var member in ns.GetMembers())
        {
            if (member is INamespaceSymbol child)
            {
                foreach (var type in SourceTypes(child))
                {
                    yield return type;
                }
            }
            else if (member is INamedTypeSymbol type)
            {
                foreach (var nested in WithNested(type))
                {
                    yield return nested;
                }
            }
        }
    }

    private static IEnumerable<INamedTypeSymbol> WithNested(INamedTypeSymbol type)
    {
        yield return type;
        foreach (var nested in type.GetTypeMembers())
        {
            foreach (var inner in WithNested(nested))
            {
                yield return inner;
            }
        }
    }

    // "The first" handler of a duplicate pair must not depend on the order Roslyn lists members in.
    private static ImmutableArray<T> SourceOrder<T>(IEnumerable<T> items, System.Func<T, ISymbol> symbol) =>
        items.OrderBy(i => symbol(i).Locations.FirstOrDefault()?.SourceTree?.FilePath ?? string.Empty, System.StringComparer.Ordinal)
            .ThenBy(i => symbol(i).Locations.FirstOrDefault()?.SourceSpan.Start ?? 0)
            .ToImmutableArray();
}
