using System;
using System.Collections.Generic;
using System.Linq;

namespace Estuary.SourceGeneration;

/// <summary>Decides at compile time which interceptors wrap which handler, and in what order.</summary>
internal static class InterceptorMatcher
{
    public static IReadOnlyList<InterceptorModel> For(HandlerModel handler, IEnumerable<InterceptorModel> interceptors, InterceptorKind kind) =>
        interceptors
            .Where(i => i.Kind == kind && Applies(i, handler))
            .OrderBy(i => i.Precedence)
            .ThenBy(i => i.SortKey, StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<InterceptorModel> ForBus(IEnumerable<string> busHierarchy, IEnumerable<InterceptorModel> interceptors, InterceptorKind kind)
    {
        var names = new HashSet<string>(busHierarchy, StringComparer.Ordinal);
        return interceptors
            .Where(i => i.Kind == kind && i.Pointcut == PointcutKind.Bus && names.Contains(i.PointcutType!))
            .OrderBy(i => i.Precedence)
            .ThenBy(i => i.SortKey, StringComparer.Ordinal)
            .ToList();
    }

    public static bool Applies(InterceptorModel interceptor, HandlerModel handler)
    {
        if (interceptor.Pointcut == PointcutKind.Bus)
        {
            return false;
        }

        if (interceptor.Namespace is { } ns && !InNamespace(handler.Namespace, ns))
        {
            return false;
        }

        if (interceptor.MessageType is { } messageType
            && (handler.Message is null || (handler.Message.TypeName != messageType && !handler.Message.AssignableTo.Contains(messageType))))
        {
            return false;
        }

        // Every attribute the interceptor takes as a parameter must be present to be passed in.
        foreach (var parameter in interceptor.Parameters)
        {
            if (parameter.Binding == ParameterBinding.AttributeInstance && FindAttribute(handler, parameter.HeaderValueType) is null)
            {
                return false;
            }
        }

        return interceptor.Pointcut switch
        {
            PointcutKind.Attribute => FindAttribute(handler, interceptor.PointcutType!) is not null,
            PointcutKind.Type => handler.DeclaringTypeHierarchy.Contains(interceptor.PointcutType!),
            _ => true,
        };
    }

    /// <summary>The handler's attribute of the given type (method attributes win over class ones).</summary>
    public static AttributeModel? FindAttribute(HandlerModel handler, string attributeType) =>
        handler.Attributes.FirstOrDefault(a => a.OnMethod && a.TypeHierarchy.Contains(attributeType))
        ?? handler.Attributes.FirstOrDefault(a => a.TypeHierarchy.Contains(attributeType));

    private static bool InNamespace(string handlerNamespace, string pattern)
    {
        var ns = pattern.EndsWith(".*", StringComparison.Ordinal) ? pattern.Substring(0, pattern.Length - 2) : pattern.TrimEnd('*', '.');
        return handlerNamespace == ns || handlerNamespace.StartsWith(ns + ".", StringComparison.Ordinal);
    }
}
