using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>Why a [MessageConsumer] method is not wired.</summary>
internal enum MessageConsumerProblemKind
{
    /// <summary>The attribute names no channel.</summary>
    NoChannel,

    /// <summary>The method is also a command, query or event handler or a [Scheduled] method.</summary>
    AlsoAHandler,

    /// <summary>The method also has [Asynchronous]: the consumer's channel is the one its attribute names.</summary>
    ChannelGivenTwice,

    /// <summary>The method belongs to an aggregate, a saga or a projection, which nothing without an identifier or a stream can reach.</summary>
    InAggregateOrProjection,

    /// <summary>The method cannot be wired as a handler; <see cref="MessageConsumerProblem.Handler"/> says why.</summary>
    NotAHandlerShape,
}

/// <summary>One reason a [MessageConsumer] is not wired.</summary>
internal sealed record MessageConsumerProblem(MessageConsumerProblemKind Kind, HandlerProblem? Handler = null);

/// <summary>
/// Whether a [MessageConsumer] method can be wired: a plain method of a plain class, whose first
/// parameter takes the body. The generator skips a method with a problem; EST0052 reports it.
/// </summary>
internal static class MessageConsumerShape
{
    /// <summary>The channel the attribute names, or null.</summary>
    public static string? Channel(AttributeData attribute) =>
        attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string { Length: > 0 } channel ? channel : null;

    /// <summary>The first reason the method is not wired, or null.</summary>
    public static MessageConsumerProblem? Problem(IMethodSymbol method, AttributeData attribute)
    {
        if (Channel(attribute) is null)
        {
            return new(MessageConsumerProblemKind.NoChannel);
        }

        if (KnownAttributes.Has(method, KnownNames.CommandHandlerAttribute) || KnownAttributes.Has(method, KnownNames.QueryHandlerAttribute)
            || KnownAttributes.Has(method, KnownNames.EventHandlerAttribute) || KnownAttributes.Has(method, KnownNames.ScheduledAttribute))
        {
            return new(MessageConsumerProblemKind.AlsoAHandler);
        }

        if (KnownAttributes.Has(method, KnownNames.AsynchronousAttribute))
        {
            return new(MessageConsumerProblemKind.ChannelGivenTwice);
        }

        if (AggregateShape.IsAggregate(method.ContainingType) || KnownAttributes.Has(method.ContainingType, KnownNames.ProjectionAttribute))
        {
            return new(MessageConsumerProblemKind.InAggregateOrProjection);
        }

        return HandlerShape.Check(method, HandlerKind.Command, routingKey: null) is { } handler
            ? new(MessageConsumerProblemKind.NotAHandlerShape, handler)
            : null;
    }
}
