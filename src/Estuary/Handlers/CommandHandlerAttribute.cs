using System;

namespace Estuary;

/// <summary>
/// Marks a method as the handler of a command. The first parameter is the command; further
/// parameters bind to headers, services or the <see cref="System.Threading.CancellationToken"/>.
/// Exactly one handler may exist per command type and per routing key.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class CommandHandlerAttribute : Attribute
{
    /// <summary>Handles the command given by the method's first parameter type.</summary>
    public CommandHandlerAttribute()
    {
    }

    /// <summary>Handles commands sent with <paramref name="routingKey"/> (and, if the method has one, its message type).</summary>
    public CommandHandlerAttribute(string routingKey) => RoutingKey = routingKey;

    /// <summary>The routing key this handler answers to, if any.</summary>
    public string? RoutingKey { get; }

    /// <summary>A stable identifier of this endpoint that survives renames of the class or method.</summary>
    public string? EndpointId { get; set; }
}
