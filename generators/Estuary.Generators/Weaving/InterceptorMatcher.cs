using System;
using System.Collections.Generic;
using System.Linq;

namespace Estuary.SourceGeneration;

/// <summary>
/// Decides at compile time which interceptors wrap which handler, and in what order. Whether one
/// applies is PointcutRules' decision, which the analyzers share.
/// </summary>
internal static class InterceptorMatcher
{
    public static IReadOnlyList<InterceptorModel> For(HandlerModel handler, IEnumerable<InterceptorModel> interceptors, InterceptorKind kind)
    {
        var target = Target(handler);
        return interceptors
            .Where(i => i.Kind == kind && PointcutRules.Applies(Spec(i), target))
            .OrderBy(i => i.Precedence)
            .ThenBy(i => i.SortKey, StringComparer.Ordinal)
            .ToList();
    }

    public static IReadOnlyList<InterceptorModel> ForBus(IEnumerable<string> busHierarchy, IEnumerable<InterceptorModel> interceptors, InterceptorKind kind)
    {
        var names = new HashSet<string>(busHierarchy, StringComparer.Ordinal);
        return interceptors
            .Where(i => i.Kind == kind && PointcutRules.AppliesToGateway(kind, Spec(i), names))
            .OrderBy(i => i.Precedence)
            .ThenBy(i => i.SortKey, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The handler's attribute of the given type (method attributes win over class ones).</summary>
    public static AttributeModel? FindAttribute(HandlerModel handler, string attributeType) =>
        handler.Attributes.FirstOrDefault(a => a.OnMethod && a.TypeHierarchy.Contains(attributeType))
        ?? handler.Attributes.FirstOrDefault(a => a.TypeHierarchy.Contains(attributeType));

    private static PointcutSpec Spec(InterceptorModel interceptor) => new(
        interceptor.Pointcut,
        interceptor.PointcutType,
        interceptor.Namespace,
        interceptor.MessageType,
        interceptor.Parameters.Where(p => p.Binding == ParameterBinding.AttributeInstance).Select(p => p.HeaderValueType))
    {
        RequiresMessage = interceptor.RequiresMessage,
    };

    private static PointcutTarget Target(HandlerModel handler) => new(
        handler.Namespace,
        handler.Message?.TypeName,
        handler.Message?.AssignableTo ?? EquatableArray<string>.Empty,
        handler.DeclaringTypeHierarchy,
        handler.Attributes.Select(a => (IEnumerable<string>)a.TypeHierarchy));
}
