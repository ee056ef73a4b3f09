using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

internal enum PointcutKind
{
    /// <summary>No pointcut: every handler (narrowed by the message and attribute parameters).</summary>
    All,
    Attribute,
    Type,
    Bus,
}

/// <summary>
/// What an interceptor selects. Types are full names as <see cref="SymbolNames.FullNonNullable"/>
/// spells them: the generator reads them from its models, the analyzers from symbols.
/// </summary>
/// <param name="RequiredAttributes">Attribute types the interceptor takes as parameters: a handler must carry each.</param>
internal sealed record PointcutSpec(PointcutKind Kind, string? Type, string? Namespace, string? MessageType, IEnumerable<string> RequiredAttributes)
{
    /// <summary>The interceptor takes a non-nullable message: handlers without one (routing key only, or a nullable message) are not selected.</summary>
    public bool RequiresMessage { get; init; }
}

/// <summary>What a pointcut looks at in a handler, as full names.</summary>
/// <param name="MessageType">The message type, or null for a handler reached by routing key only.</param>
/// <param name="MessageAssignableTo">The message type's base classes and interfaces.</param>
/// <param name="DeclaringTypeHierarchy">The declaring type, its base classes and interfaces.</param>
/// <param name="AttributeHierarchies">For each user attribute on the method or its class, the attribute type and its base classes.</param>
internal sealed record PointcutTarget(
    string Namespace,
    string? MessageType,
    IEnumerable<string> MessageAssignableTo,
    IEnumerable<string> DeclaringTypeHierarchy,
    IEnumerable<IEnumerable<string>> AttributeHierarchies);

/// <summary>Decides which interceptors apply to which handler or gateway, for the generator's weaving and the analyzers' checks alike.</summary>
internal static class PointcutRules
{
    public static bool Applies(PointcutSpec pointcut, PointcutTarget handler)
    {
        if (pointcut.Kind == PointcutKind.Bus)
        {
            return false;
        }

        if (pointcut.Namespace is { } ns && !InNamespace(handler.Namespace, ns))
        {
            return false;
        }

        if (pointcut.MessageType is { } messageType
            && (handler.MessageType is null || (handler.MessageType != messageType && !handler.MessageAssignableTo.Contains(messageType))))
        {
            return false;
        }

        // A nullable value-type message (Nullable<T> keeps its '?' in full names) may be null too.
        if (pointcut.RequiresMessage && (handler.MessageType is null || handler.MessageType.EndsWith("?", StringComparison.Ordinal)))
        {
            return false;
        }

        // Every attribute the interceptor takes as a parameter must be present to be passed in.
        if (pointcut.RequiredAttributes.Any(a => !HasAttribute(handler, a)))
        {
            return false;
        }

        return pointcut.Kind switch
        {
            PointcutKind.Attribute => HasAttribute(handler, pointcut.Type!),
            PointcutKind.Type => handler.DeclaringTypeHierarchy.Contains(pointcut.Type!),
            _ => true,
        };
    }

    /// <summary>
    /// Whether a bus pointcut applies to a gateway: it names the gateway interface or one of the
    /// buses it derives from. Gateways run only [Before] and [After] interceptors.
    /// </summary>
    /// <param name="gatewayTypes">The gateway's full name and its buses', as <see cref="GatewayTypes"/> gives them.</param>
    public static bool AppliesToGateway(InterceptorKind kind, PointcutSpec pointcut, ICollection<string> gatewayTypes) =>
        kind != InterceptorKind.Around && pointcut.Kind == PointcutKind.Bus && gatewayTypes.Contains(pointcut.Type!);

    /// <summary>The types a bus pointcut may name to select a gateway: the interface itself and the Estuary buses it derives from.</summary>
    public static HashSet<string> GatewayTypes(string gatewayType, IEnumerable<string> busMetadataNames) =>
        new(new[] { gatewayType }.Concat(busMetadataNames.Select(b => "global::" + b)), StringComparer.Ordinal);

    public static bool HasAttribute(PointcutTarget handler, string attributeType) =>
        handler.AttributeHierarchies.Any(h => h.Contains(attributeType));

    /// <summary>
    /// The attributes a handler offers pointcuts and interceptors: user attributes on the method,
    /// then on its class. Estuary's own attributes and unresolved ones are left out.
    /// </summary>
    public static IEnumerable<(AttributeData Attribute, INamedTypeSymbol Type, bool OnMethod)> HandlerAttributes(IMethodSymbol method)
    {
        var onMethod = method.GetAttributes().Select(a => (a, true));
        var onType = method.ContainingType.GetAttributes().Select(a => (a, false));
        foreach (var (attribute, isOnMethod) in onMethod.Concat(onType))
        {
            if (attribute.AttributeClass is { } type && type.ContainingNamespace?.ToDisplayString() != "Estuary" && type.TypeKind != TypeKind.Error)
            {
                yield return (attribute, type, isOnMethod);
            }
        }
    }

    private static bool InNamespace(string handlerNamespace, string pattern)
    {
        var ns = pattern.EndsWith(".*", StringComparison.Ordinal) ? pattern.Substring(0, pattern.Length - 2) : pattern.TrimEnd('*', '.');
        return handlerNamespace == ns || handlerNamespace.StartsWith(ns + ".", StringComparison.Ordinal);
    }
}
