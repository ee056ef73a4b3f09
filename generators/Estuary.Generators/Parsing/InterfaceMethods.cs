using System;
using System.Collections.Immutable;
using System.Linq;

namespace Estuary.SourceGeneration;

/// <summary>Methods parsed one by one, gathered into one model per interface (one generated implementation each).</summary>
internal static class InterfaceMethods
{
    /// <summary>The methods by interface, interfaces in name order, methods in the order they came.</summary>
    public static ImmutableArray<TInterface> Group<TMethod, TInterface>(
        ImmutableArray<(TypeRef Interface, string Namespace, TMethod Method)> methods,
        Func<TypeRef, string, EquatableArray<TMethod>, TInterface> create)
        where TMethod : IEquatable<TMethod> =>
        methods
            .GroupBy(m => m.Interface)
            .OrderBy(g => g.Key.FullName, StringComparer.Ordinal)
            .Select(g => create(g.Key, g.First().Namespace, g.Select(m => m.Method).ToEquatableArray()))
            .ToImmutableArray();
}
