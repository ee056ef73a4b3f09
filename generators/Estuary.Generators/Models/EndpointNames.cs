namespace Estuary.SourceGeneration;

/// <summary>
/// Names of a handler class's generated endpoints, chosen from that class alone: a holder class named
/// after the handler class's full name, and per handler its method name, numbered when overloaded.
/// </summary>
internal sealed record EndpointNames
{
    /// <summary>The module's nested class holding the endpoints (<c>Shop_Orders_OrderHandlerEndpoints</c>).</summary>
    public required string Holder { get; init; }

    /// <summary>Each handler's endpoint field; its class is the field name with <c>Endpoint</c> appended.</summary>
    public required EquatableArray<string> Fields { get; init; }
}
