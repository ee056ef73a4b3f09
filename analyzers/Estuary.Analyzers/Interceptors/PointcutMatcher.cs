using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Estuary.Analyzers;

/// <summary>
/// The generator's InterceptorMatcher.Applies on symbols instead of models. Types are compared by
/// their fully qualified names, as the generator compares its model strings, so both agree on
/// every edge (nullable annotations, constructed generics).
/// </summary>
internal static class PointcutMatcher
{
    public static bool Applies(InterceptorInfo interceptor, HandlerInfo handler)
    {
        if (interceptor.Pointcut == PointcutKind.Bus)
        {
            return false;
        }

        if (interceptor.Namespace is { } ns && !InNamespace(Namespace(handler.Method.ContainingType), ns))
        {
            return false;
        }

        if (interceptor.MessageType is { } messageType
            && (handler.MessageType is not { } handled || (Full(handled) != Full(messageType) && !Hierarchy(handled, includeSelf: false).Contains(Full(messageType)))))
        {
            return false;
        }

        // Every attribute the interceptor takes as a parameter must be present to be passed in.
        if (interceptor.AttributeParameters.Any(a => !HasAttribute(handler, Full(a))))
        {
            return false;
        }

        return interceptor.Pointcut switch
        {
            PointcutKind.Attribute => HasAttribute(handler, Full(interceptor.PointcutType!)),
            PointcutKind.Type => Hierarchy(handler.Method.ContainingType, includeSelf: true).Contains(Full(interceptor.PointcutType!)),
            _ => true,
        };
    }

    /// <summary>GatewayEmitter's rule: a bus interceptor runs in a gateway named by its pointcut or deriving from that bus.</summary>
    public static bool AppliesToGateway(InterceptorInfo interceptor, INamedTypeSymbol gateway) =>
        interceptor.Kind != InterceptorKind.Around && interceptor.PointcutType is { } pointcut
        && (Full(gateway) == Full(pointcut) || gateway.AllInterfaces.Any(i => InterceptorInfo.IsBusName(i) && Full(i) == Full(pointcut)));

    /// <summary>User attributes on the handler method and its class (HandlerParser.Attributes).</summary>
    private static bool HasAttribute(HandlerInfo handler, string attributeType) =>
        handler.Method.GetAttributes().Concat(handler.Method.ContainingType.GetAttributes())
            .Any(a => a.AttributeClass is { TypeKind: not TypeKind.Error } c && c.ContainingNamespace?.ToDisplayString() != "Estuary"
                && Hierarchy(c, includeSelf: true).Contains(attributeType));

    private static string Namespace(ISymbol symbol) =>
        symbol.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty;

    private static bool InNamespace(string handlerNamespace, string pattern)
    {
        var ns = pattern.EndsWith(".*", StringComparison.Ordinal) ? pattern.Substring(0, pattern.Length - 2) : pattern.TrimEnd('*', '.');
        return handlerNamespace == ns || handlerNamespace.StartsWith(ns + ".", StringComparison.Ordinal);
    }

    public static string Full(ITypeSymbol type) =>
        type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    /// <summary>SymbolNames.Hierarchy: the type, its base classes (without object) and all its interfaces.</summary>
    private static HashSet<string> Hierarchy(ITypeSymbol type, bool includeSelf)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (includeSelf)
        {
            names.Add(Full(type));
        }

        for (var current = type.BaseType; current is not null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); current = current.BaseType)
        {
            names.Add(Full(current));
        }

        foreach (var item in type.AllInterfaces)
        {
            names.Add(Full(item));
        }

        return names;
    }
}
