using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

internal enum InterceptorKind
{
    Before,
    Around,
    After,
}

/// <summary>Why the generator does not weave an interceptor.</summary>
internal enum InterceptorProblemKind
{
    /// <summary>Generated code cannot call the method; <see cref="InterceptorProblem.Call"/> says why.</summary>
    Uncallable,

    /// <summary>A parameter cannot be bound; <see cref="InterceptorProblem.Binding"/> says why.</summary>
    UnbindableParameter,

    /// <summary>An [Around] without an IInvocation parameter cannot run the rest of the chain.</summary>
    AroundWithoutInvocation,

    /// <summary>An [Around] not returning object?, Task&lt;object?&gt; or ValueTask&lt;object?&gt;: its result replaces the handler's.</summary>
    AroundResult,

    /// <summary>A [Before(ChangeHeaders = true)] not returning MessageHeaders: there would be nothing to merge.</summary>
    ChangeHeadersResult,
}

/// <summary>One reason an interceptor is not woven, with what it is about.</summary>
internal sealed record InterceptorProblem(InterceptorProblemKind Kind, CallProblem? Call = null, IParameterSymbol? Parameter = null, ParameterProblem? Binding = null);

/// <summary>The named arguments of [Before], [Around] and [After].</summary>
internal readonly record struct InterceptorOptions(int Precedence, bool ChangeHeaders, string? Namespace, INamedTypeSymbol? Pointcut)
{
    public static InterceptorOptions Read(AttributeData attribute)
    {
        var options = default(InterceptorOptions);
        foreach (var named in attribute.NamedArguments)
        {
            options = named.Key switch
            {
                "Precedence" when named.Value.Value is int value => options with { Precedence = value },
                "ChangeHeaders" when named.Value.Value is bool value => options with { ChangeHeaders = value },
                "Namespace" => options with { Namespace = named.Value.Value as string },
                "Pointcut" => options with { Pointcut = named.Value.Value as INamedTypeSymbol },
                _ => options,
            };
        }

        return options;
    }
}

/// <summary>
/// Whether the generator can weave a [Before], [Around] or [After] method, which parameter receives
/// the message, and where the interceptor applies. The generator skips an interceptor with any
/// problem; the analyzers report each problem.
/// </summary>
internal static class InterceptorShape
{
    /// <summary>
    /// The parameter receiving the message: the first one, when it is plain (by value, without
    /// [Header]) and not something the endpoint provides (context, headers, token, invocation,
    /// attribute). Its type narrows where the interceptor applies.
    /// </summary>
    public static IParameterSymbol? MessageParameter(IMethodSymbol method)
    {
        if (method.Parameters.Length == 0)
        {
            return null;
        }

        // An empty [Header] name is a header the user forgot to name, not a message.
        var first = method.Parameters[0];
        var binding = HandlerRules.ClassifyParameter(first, isInterceptor: true, out _, out var problem);
        return binding is ParameterBinding.Service or ParameterBinding.Unbindable && first.RefKind == RefKind.None && problem != ParameterProblem.EmptyHeaderName
            ? first
            : null;
    }

    /// <summary>The message type the interceptor is narrowed to, or null when it takes every message (object or no message).</summary>
    public static ITypeSymbol? NarrowingMessageType(IParameterSymbol? message) =>
        message is null || message.Type.SpecialType == SpecialType.System_Object ? null : message.Type;

    /// <summary>
    /// Whether the interceptor needs a message to be called: its message parameter is a non-nullable
    /// reference (<c>object</c>, not <c>object?</c>). Handlers reached by routing key alone have none to give.
    /// </summary>
    public static bool RequiresMessage(IParameterSymbol? message) =>
        message is { Type: { IsReferenceType: true, NullableAnnotation: NullableAnnotation.NotAnnotated } };

    /// <summary>Parameters receiving a handler's attribute: each attribute must be on a handler for the interceptor to apply.</summary>
    public static IEnumerable<IParameterSymbol> AttributeParameters(IMethodSymbol method)
    {
        var message = MessageParameter(method);
        return method.Parameters.Where(p => (message is null || p.Ordinal != 0)
            && HandlerRules.ClassifyParameter(p, isInterceptor: true, out _) == ParameterBinding.AttributeInstance);
    }

    /// <summary>
    /// What the interceptor selects: the kind of its declared pointcut type, else the first attribute
    /// it takes (a handler must carry it anyway), else every handler.
    /// </summary>
    public static (PointcutKind Kind, ITypeSymbol? Type) Pointcut(IMethodSymbol method, INamedTypeSymbol? declared)
    {
        if (declared is not null)
        {
            var kind = HandlerRules.IsAttribute(declared) ? PointcutKind.Attribute : BusTypes.IsBus(declared) ? PointcutKind.Bus : PointcutKind.Type;
            return (kind, declared);
        }

        return AttributeParameters(method).FirstOrDefault() is { } attribute ? (PointcutKind.Attribute, attribute.Type) : (PointcutKind.All, null);
    }

    /// <summary>The first reason the generator skips the interceptor, or null when it weaves it.</summary>
    public static InterceptorProblem? Check(IMethodSymbol method, InterceptorKind kind, bool changeHeaders) =>
        Problems(method, kind, changeHeaders).FirstOrDefault();

    /// <summary>Every reason the generator skips the interceptor, each once.</summary>
    public static IEnumerable<InterceptorProblem> Problems(IMethodSymbol method, InterceptorKind kind, bool changeHeaders)
    {
        if (Callability.Check(method, allowStructOwner: true) is { } call)
        {
            yield return new InterceptorProblem(InterceptorProblemKind.Uncallable, Call: call);
        }

        var message = MessageParameter(method);
        var hasInvocation = false;
        foreach (var parameter in method.Parameters)
        {
            if (message is not null && parameter.Ordinal == 0)
            {
                continue;
            }

            hasInvocation |= HandlerRules.ClassifyParameter(parameter, isInterceptor: true, out _) == ParameterBinding.Invocation;
            if (HandlerRules.BindingProblem(parameter, isInterceptor: true, isAround: kind == InterceptorKind.Around) is { } problem)
            {
                yield return new InterceptorProblem(InterceptorProblemKind.UnbindableParameter, Parameter: parameter, Binding: problem);
            }
        }

        var returnKind = HandlerRules.ClassifyReturn(method, out var resultType);
        if (kind == InterceptorKind.Around && !hasInvocation)
        {
            yield return new InterceptorProblem(InterceptorProblemKind.AroundWithoutInvocation);
        }

        if (kind == InterceptorKind.Around && !HandlerRules.IsAroundResult(returnKind, resultType))
        {
            yield return new InterceptorProblem(InterceptorProblemKind.AroundResult);
        }

        if (kind == InterceptorKind.Before && changeHeaders
            && !(HandlerRules.HasResult(returnKind) && resultType is not null && HandlerRules.MetadataName(resultType) == KnownNames.MessageHeaders))
        {
            yield return new InterceptorProblem(InterceptorProblemKind.ChangeHeadersResult);
        }
    }
}
