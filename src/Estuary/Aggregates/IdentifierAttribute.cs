using System;

namespace Estuary;

/// <summary>
/// Marks the member that identifies an aggregate. A command reaches the instance whose identifier
/// equals the command's member of the same name (or the member marked <see cref="TargetIdentifierAttribute"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = true)]
public sealed class IdentifierAttribute : Attribute;

/// <summary>
/// Marks the member of a message that holds the identifier of the aggregate it targets, when its
/// name differs from the aggregate's <see cref="IdentifierAttribute"/> member.
/// </summary>
/// <param name="identifier">The aggregate's identifier member this message member maps to.</param>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
public sealed class TargetIdentifierAttribute(string identifier) : Attribute
{
    /// <summary>The aggregate's identifier member.</summary>
    public string Identifier { get; } = identifier;
}
