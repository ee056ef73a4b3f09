using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>The kind of handler, mirroring the runtime's EndpointKind.</summary>
internal enum HandlerKind
{
    Command,
    Query,
    Event,
}

/// <summary>Why the generator leaves a handler out.</summary>
internal enum HandlerProblemKind
{
    /// <summary>Generated code cannot call the method; <see cref="HandlerProblem.Call"/> says why.</summary>
    Uncallable,

    /// <summary>No message parameter and no routing key: nothing can reach the handler.</summary>
    NoMessage,

    /// <summary>A query handler returning nothing: there is no answer to send back.</summary>
    QueryWithoutResult,

    /// <summary>A parameter, the message included, cannot be bound; <see cref="HandlerProblem.Binding"/> says why.</summary>
    UnbindableParameter,

    /// <summary>A query handler with [Asynchronous] (on it or its class): the sender waits for an answer a channel cannot give.</summary>
    AsynchronousQuery,
}

/// <summary>One reason a handler is not wired, with what it is about.</summary>
internal sealed record HandlerProblem(HandlerProblemKind Kind, CallProblem? Call = null, IParameterSymbol? Parameter = null, ParameterProblem? Binding = null);

/// <summary>
/// Whether the generator can wire a [CommandHandler], [QueryHandler] or [EventHandler] method. The
/// generator skips a handler with any problem; the analyzers report each problem.
/// </summary>
internal static class HandlerShape
{
    /// <summary>The routing key (commands, queries) or listen-to pattern (events) given to the handler attribute.</summary>
    public static string? RoutingKey(AttributeData attribute) =>
        attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;

    /// <summary>The parameter carrying the message, or null for a handler reached by routing key only.</summary>
    public static IParameterSymbol? MessageParameter(IMethodSymbol method, string? routingKey) =>
        HandlerRules.FirstParameterIsMessage(method, routingKey is not null) ? method.Parameters[0] : null;

    /// <summary>The EndpointId given to the handler attribute, or null when the endpoint uses its default id.</summary>
    public static string? ExplicitEndpointId(AttributeData attribute)
    {
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == "EndpointId" && named.Value.Value is string id)
            {
                return id;
            }
        }

        return null;
    }

    /// <summary>
    /// The id an endpoint gets without an EndpointId: <c>Namespace.Type.Method</c>, nested types
    /// dotted, as the generator's EndpointEmitter writes it.
    /// </summary>
    public static string DefaultEndpointId(IMethodSymbol method) =>
        SymbolNames.Plain(method.ContainingType) + "." + method.Name;

    /// <summary>The first reason the generator skips the handler, or null when it wires it.</summary>
    public static HandlerProblem? Check(IMethodSymbol method, HandlerKind kind, string? routingKey) =>
        Problems(method, kind, routingKey).FirstOrDefault();

    /// <summary>Every reason the generator skips the handler, each once.</summary>
    public static IEnumerable<HandlerProblem> Problems(IMethodSymbol method, HandlerKind kind, string? routingKey)
    {
        if (Callability.Check(method, allowStructOwner: false) is { } call)
        {
            yield return new HandlerProblem(HandlerProblemKind.Uncallable, Call: call);
        }

        var message = MessageParameter(method, routingKey);
        if (message is null && routingKey is null)
        {
            yield return new HandlerProblem(HandlerProblemKind.NoMessage);
        }

        if (kind == HandlerKind.Query && !HandlerRules.HasResult(HandlerRules.ClassifyReturn(method, out _)))
        {
            yield return new HandlerProblem(HandlerProblemKind.QueryWithoutResult);
        }

        if (kind == HandlerKind.Query && AsynchronousShape.AsynchronousAttribute(method) is not null)
        {
            yield return new HandlerProblem(HandlerProblemKind.AsynchronousQuery);
        }

        foreach (var parameter in method.Parameters)
        {
            var problem = parameter.Ordinal == 0 && message is not null
                ? HandlerRules.MessageProblem(parameter)
                : HandlerRules.BindingProblem(parameter, isInterceptor: false, isAround: false);
            if (problem is not null)
            {
                yield return new HandlerProblem(HandlerProblemKind.UnbindableParameter, Parameter: parameter, Binding: problem);
            }
        }
    }
}
