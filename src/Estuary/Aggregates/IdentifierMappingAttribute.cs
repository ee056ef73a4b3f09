using System;

namespace Estuary;

/// <summary>
/// Says where a handler's message keeps the identifier of the aggregate or saga it targets, when the
/// message has no member of the identifier's name and no <see cref="TargetIdentifierAttribute"/>:
/// exactly one of <see cref="Header"/>, <see cref="Member"/> or <see cref="Method"/>. The mapping is
/// resolved when the project builds; one that cannot be resolved is a build error (EST0033).
/// <code>
/// [EventHandler]
/// [IdentifierMapping("OrderId", Member = "Payment.OrderId")]
/// public void On(PaymentCaptured captured) { ... }
/// </code>
/// </summary>
/// <param name="identifier">The aggregate's or saga's <see cref="IdentifierAttribute"/> member the mapping fills.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class IdentifierMappingAttribute(string identifier) : Attribute
{
    /// <summary>The aggregate's or saga's identifier member.</summary>
    public string Identifier { get; } = identifier;

    /// <summary>The header holding the identifier (for example <c>"correlation-id"</c>).</summary>
    public string? Header { get; set; }

    /// <summary>A path of public members from the message (for example <c>"Payment.OrderId"</c>).</summary>
    public string? Member { get; set; }

    /// <summary>
    /// A static method of the aggregate or saga taking the message (and optionally
    /// <see cref="MessageContext"/>) and returning the identifier: <c>Method = nameof(OrderIdOf)</c>.
    /// </summary>
    public string? Method { get; set; }
}
