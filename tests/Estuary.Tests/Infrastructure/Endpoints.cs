using System;
using System.Threading.Tasks;
using Estuary.Runtime;

namespace Estuary.Tests;

/// <summary>Descriptions as the generator would emit them.</summary>
internal static class Describe
{
    public static EndpointDescription Command(string name, bool isSynchronous, string? routingKey = null, string module = "FirstModule", bool hasPayload = true) =>
        new(EndpointKind.Command, name, "Tests." + name, module, routingKey, isSynchronous, HasPayload: hasPayload);

    public static EndpointDescription Query(string name, bool isSynchronous, string? routingKey = null, string module = "FirstModule") =>
        new(EndpointKind.Query, name, "Tests." + name, module, routingKey, isSynchronous);

    public static EndpointDescription Event(string name, bool isSynchronous, int priority = 0, string? listenTo = null, string module = "FirstModule", bool hasPayload = true) =>
        new(EndpointKind.Event, name, "Tests." + name, module, listenTo, isSynchronous, priority, hasPayload);
}

/// <summary>A synchronous command or query endpoint running a delegate.</summary>
internal sealed class SyncEndpoint<TRequest, TResult>(EndpointDescription description, Func<TRequest, MessageContext, TResult> handler)
    : RequestEndpoint<TRequest, TResult>(description)
{
    public override TResult Invoke(TRequest request, MessageContext context) => handler(request, context);
}

/// <summary>An asynchronous command or query endpoint running a delegate.</summary>
internal sealed class AsyncEndpoint<TRequest, TResult>(EndpointDescription description, Func<TRequest, MessageContext, ValueTask<TResult>> handler)
    : RequestEndpoint<TRequest, TResult>(description)
{
    public override ValueTask<TResult> InvokeAsync(TRequest request, MessageContext context) => handler(request, context);
}

/// <summary>A synchronous event endpoint running a delegate.</summary>
internal sealed class SyncEventEndpoint<TEvent>(EndpointDescription description, Action<object?, MessageContext> handler)
    : EventEndpoint<TEvent>(description)
{
    public override void Invoke(object? @event, MessageContext context) => handler(@event, context);
}

/// <summary>An asynchronous event endpoint running a delegate.</summary>
internal sealed class AsyncEventEndpoint<TEvent>(EndpointDescription description, Func<object?, MessageContext, ValueTask> handler)
    : EventEndpoint<TEvent>(description)
{
    public override ValueTask InvokeAsync(object? @event, MessageContext context) => handler(@event, context);
}
