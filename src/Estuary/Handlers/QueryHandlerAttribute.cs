using System;

namespace Estuary;

/// <summary>
/// Marks a method as the handler of a query. The method must return a value; the typed
/// <c>IQueryBus.SendAsync</c> overload generated for the query returns that value's type.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class QueryHandlerAttribute : Attribute
{
    /// <summary>Handles the query given by the method's first parameter type.</summary>
    public QueryHandlerAttribute()
    {
    }

    /// <summary>Handles queries sent with <paramref name="routingKey"/>.</summary>
    public QueryHandlerAttribute(string routingKey) => RoutingKey = routingKey;

    /// <summary>The routing key this handler answers to, if any.</summary>
    public string? RoutingKey { get; }

    /// <summary>A stable identifier of this endpoint that survives renames of the class or method.</summary>
    public string? EndpointId { get; set; }
}
