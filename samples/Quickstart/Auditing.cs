using System;
using Estuary;

namespace Quickstart;

/// <summary>Marks handlers whose calls are audited.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class AuditedAttribute : Attribute;

/// <summary>
/// An interceptor: the pointcut is the attribute type of its parameter, so it wraps exactly the
/// handlers marked [Audited]. It is woven into the generated endpoint at compile time.
/// </summary>
public sealed class AuditInterceptor(Journal journal)
{
    [Before]
    public bool Check(object message, AuditedAttribute audited, [Header("user")] string? user)
    {
        if (user is null)
        {
            journal.Write($"Audit.Before: {message.GetType().Name} rejected, no user header");
            return false;
        }

        journal.Write($"Audit.Before: {message.GetType().Name} by {user}");
        return true;
    }

    [After]
    public void Done(object message, AuditedAttribute audited) =>
        journal.Write($"Audit.After: {message.GetType().Name} handled");
}
