using System;

namespace Estuary;

/// <summary>
/// Handles a message at most once per key for this endpoint: the key is read from the message's
/// member at a path (e.g. <c>nameof(PaymentReceived.PaymentId)</c>, or a
/// dotted path such as <c>"Payment.Id"</c>), or from a header when <see cref="Header"/> is set. The
/// mark is written in the handler's unit of work, so a failed attempt leaves no mark.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DeduplicatedAttribute : Attribute
{
    /// <summary>Deduplicates by a member of the message.</summary>
    public DeduplicatedAttribute(string memberPath) => MemberPath = memberPath;

    /// <summary>Deduplicates by a header: set <see cref="Header"/>.</summary>
    public DeduplicatedAttribute()
    {
    }

    /// <summary>The member path on the message, if the key comes from the message.</summary>
    public string? MemberPath { get; }

    /// <summary>The header holding the key, if the key comes from a header.</summary>
    public string? Header { get; set; }
}
