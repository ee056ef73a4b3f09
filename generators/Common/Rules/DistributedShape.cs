using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>Why a [Distributed] method cannot be reached from other services.</summary>
internal enum DistributedProblem
{
    /// <summary>Not a command or event handler (a query handler, a projection's handler, a plain method).</summary>
    NotAHandler,

    /// <summary>A command handler without a routing key: other services address commands by routing key.</summary>
    CommandWithoutRoutingKey,
}

/// <summary>
/// Which handlers other services may call through the distributed bus. The generator marks the
/// endpoints that pass; the analyzers report the problems (EST0050, EST0051).
/// </summary>
internal static class DistributedShape
{
    /// <summary>Whether the handler carries [Distributed] and can be reached through the distributed bus.</summary>
    public static bool IsDistributed(IMethodSymbol method, HandlerKind kind, string? routingKey) =>
        KnownAttributes.Has(method, KnownNames.DistributedAttribute) && Problem(method, kind, routingKey) is null;

    /// <summary>What keeps a [Distributed] method from being reached, or null; <paramref name="kind"/> is null for a method that is no handler.</summary>
    public static DistributedProblem? Problem(IMethodSymbol method, HandlerKind? kind, string? routingKey) => kind switch
    {
        HandlerKind.Command when routingKey is null => DistributedProblem.CommandWithoutRoutingKey,
        HandlerKind.Command => null,
        HandlerKind.Event when !KnownAttributes.Has(method.ContainingType, KnownNames.ProjectionAttribute) => null,
        _ => DistributedProblem.NotAHandler,
    };
}
