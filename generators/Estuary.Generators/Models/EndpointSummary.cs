namespace Estuary.SourceGeneration;

/// <summary>One endpoint as the module lists it and a typed bus overload targets it.</summary>
internal sealed record EndpointSummary
{
    public required string Field { get; init; }

    public required string DisplayName { get; init; }

    public required HandlerKind Kind { get; init; }

    public required MessageRef? Message { get; init; }

    public required string? ResultType { get; init; }

    /// <summary>Whether the message and result are public, so the typed overload can be.</summary>
    public required bool PublicSignature { get; init; }

    /// <summary>Whether a projection runs the endpoint: it is listed with the projection, not routed by the event bus.</summary>
    public required bool InProjection { get; init; }

    /// <summary>Whether it is a [MessageConsumer]: no typed bus overload targets it.</summary>
    public bool MessageConsumer { get; init; }
}
