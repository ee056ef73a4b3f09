using Estuary.SourceGeneration;

namespace Estuary.Analyzers;

/// <summary>
/// The generator's LoadOrCreate rule, for the analyzers: the handlers of one aggregate for one message
/// kind, message type and routing key form a group; a group of exactly one static factory and one
/// instance action (neither a query nor creating another aggregate) whose results agree is merged
/// into one endpoint that acts on the instance if it exists and else creates it.
/// </summary>
internal static class LoadOrCreatePairs
{
    /// <summary>The group a handler belongs to, keyed as LoadOrCreate.Merge keys it; null if the generator wires no aggregate endpoint for it.</summary>
    public static string? Group(HandlerInfo handler) =>
        handler.IsEndpoint && handler.Aggregate is { } aggregate
            ? aggregate.TypeName + "|" + handler.Kind + "|" + (handler.MessageType is { } message ? SymbolNames.FullNonNullable(message) : null) + "|" + handler.RoutingKey
            : null;

    public static bool InSameGroup(HandlerInfo a, HandlerInfo b) => Group(a) is { } group && group == Group(b);

    public static bool IsFactory(HandlerInfo handler) => handler.Aggregate is { IsFactory: true };

    /// <summary>An instance handler that changes the instance: what pairs with a factory, unless it creates another aggregate.</summary>
    public static bool Acts(HandlerInfo handler) => handler.Aggregate is { IsFactory: false, ReadOnly: false };

    /// <summary>What the factory's endpoint answers: the new instance's identifier, as text when there are several.</summary>
    public static string FactoryResult(HandlerInfo factory) => AggregateAnswers.Identifier(factory.Aggregate!.Identifiers);

    /// <summary>What the action's endpoint answers, as HandlerParser names it; null when nothing.</summary>
    public static string? ActionResult(HandlerInfo action)
    {
        HandlerRules.ClassifyReturn(action.Method, out var result);
        return AggregateAnswers.Of(action.Aggregate!, result);
    }

    /// <summary>As LoadOrCreate.Compatible.</summary>
    public static bool Compatible(HandlerInfo factory, HandlerInfo action) =>
        AggregateAnswers.Mergeable(FactoryResult(factory), action.Aggregate!, ActionResult(action));
}
