using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>
/// What the endpoint of an aggregate or saga handler answers a send with, and whether a static
/// factory and an instance action of one message can be one load-or-create endpoint. One rule for the
/// generator (HandlerParser, LoadOrCreate) and the analyzers (LoadOrCreatePairs, EST0030).
/// </summary>
internal static class AggregateAnswers
{
    /// <summary>
    /// The answer's type as generated code names it, or null when the endpoint answers nothing: a
    /// handler that creates an instance (a factory, an action returning an aggregate) answers its
    /// identifier; a pure event-sourced action returns its events, which are stored, not answered;
    /// any other handler, on an aggregate or not (<paramref name="aggregate"/> null), answers what it
    /// returns (<paramref name="returned"/>, HandlerRules.ClassifyReturn's result).
    /// </summary>
    public static string? Of(AggregateModel? aggregate, ITypeSymbol? returned) => aggregate switch
    {
        { IsFactory: true } => Identifier(aggregate.Identifiers),
        { Creates: { } created } => Identifier(created.Identifiers),
        { EventSourced: not null, Events: EventsSource.ReturnedSingle or EventsSource.ReturnedSequence } => null,
        _ => returned is null ? null : SymbolNames.Full(returned),
    };

    /// <summary>One identifier is answered as itself; several as the text they are stored under.</summary>
    public static string Identifier(EquatableArray<IdentifierModel> identifiers) =>
        identifiers.Count == 1 ? identifiers[0].TypeName : "string";

    /// <summary>
    /// Whether a factory answering <paramref name="factoryAnswer"/> and an action can be one endpoint:
    /// the action creates no other aggregate, and answers nothing or what the factory answers.
    /// </summary>
    public static bool Mergeable(string? factoryAnswer, AggregateModel action, string? actionAnswer) =>
        action.Creates is null && (actionAnswer is null || actionAnswer == factoryAnswer);
}
