using System;

namespace Estuary;

/// <summary>
/// Common shape of <see cref="BeforeAttribute"/>, <see cref="AroundAttribute"/> and
/// <see cref="AfterAttribute"/>. The pointcut decides which handlers an interceptor wraps; it is
/// resolved at compile time and woven into the generated endpoint code.
/// </summary>
public abstract class InterceptorAttribute : Attribute
{
    /// <summary>Interceptors with a lower precedence run first (outermost). Ties are ordered by name.</summary>
    public int Precedence { get; set; }

    /// <summary>
    /// What the interceptor applies to: an attribute type (handlers whose method or class carries it),
    /// a class or interface (handlers declared in that type or a type deriving from it), or a bus
    /// interface deriving from <see cref="ICommandBus"/>, <see cref="IQueryBus"/> or
    /// <see cref="IEventBus"/> (messages sent through that gateway).
    /// Without a pointcut, an interceptor that takes an attribute parameter applies to handlers
    /// carrying that attribute, and any other interceptor applies to every handler.
    /// </summary>
    public Type? Pointcut { get; set; }

    /// <summary>Applies the interceptor to handlers declared in this namespace or below it.</summary>
    public string? Namespace { get; set; }
}

/// <summary>
/// Runs before the handler. Returning <see langword="false"/> stops the flow: the handler does not
/// run (a request with a result then returns <see langword="default"/>). With
/// <see cref="ChangeHeaders"/>, the returned <see cref="MessageHeaders"/> are merged into the
/// message's headers, which the handler and everything it sends then see.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class BeforeAttribute : InterceptorAttribute
{
    /// <summary>The method returns headers to merge into the message instead of a stop signal.</summary>
    public bool ChangeHeaders { get; set; }
}

/// <summary>
/// Wraps the handler. The method takes an <see cref="IInvocation"/> and decides whether, when and
/// how often to call <see cref="IInvocation.ProceedAsync"/>; its return value becomes the result.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class AroundAttribute : InterceptorAttribute
{
}

/// <summary>Runs after the handler has completed without throwing.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class AfterAttribute : InterceptorAttribute
{
}
