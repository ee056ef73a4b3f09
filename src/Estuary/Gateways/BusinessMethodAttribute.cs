using System;

namespace Estuary;

/// <summary>
/// Marks a method of a user interface as a business method: Estuary generates the interface's
/// implementation, and calling the method sends its first parameter (if any) to the handler with
/// this routing key, passing <see cref="HeaderAttribute"/> parameters as headers and returning the
/// handler's result.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class BusinessMethodAttribute : Attribute
{
    /// <summary>Routes calls of the method to <paramref name="routingKey"/>.</summary>
    public BusinessMethodAttribute(string routingKey) => RoutingKey = routingKey;

    /// <summary>The routing key of the command or query handler the method calls.</summary>
    public string RoutingKey { get; }
}
