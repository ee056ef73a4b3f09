namespace Estuary.SourceGeneration;

/// <summary>One business method: where it routes, what it passes and what it returns.</summary>
internal sealed record BusinessMethodModel
{
    /// <summary>The method as declared on the interface.</summary>
    public required DeclaredMethodModel Declared { get; init; }

    /// <summary>The routing key of the handler it sends to.</summary>
    public required string RoutingKey { get; init; }

    /// <summary>The parameter holding the message sent, if any (unescaped).</summary>
    public required string? PayloadParameter { get; init; }

    /// <summary>The payload's type, if any.</summary>
    public required string? PayloadType { get; init; }

    /// <summary>The other parameters: headers, all headers, the cancellation token.</summary>
    public required EquatableArray<ParameterModel> Parameters { get; init; }

    /// <summary>The shape of the return type.</summary>
    public required ReturnKind Return { get; init; }

    /// <summary>The result the handler answers, if the method returns one.</summary>
    public required string? ResultType { get; init; }
}
