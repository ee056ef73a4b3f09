using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Runtime;

namespace Estuary;

/// <summary>
/// The implementation behind <see cref="ICommandBus"/>, <see cref="IQueryBus"/> and
/// <see cref="IEventBus"/>. Generated gateways derive from it and override the send hooks to run
/// the interceptors whose pointcut is their interface.
/// </summary>
public abstract class MessageBus : ICommandBus, IQueryBus, IEventBus
{
    /// <summary>Creates a bus over a host's runtime; generated gateways say whether they run interceptors.</summary>
    protected MessageBus(EstuaryRuntime runtime, bool hasInterceptors = false)
        : this(runtime, hasInterceptors, asynchronousChannel: null)
    {
    }

    /// <summary>
    /// Creates a bus; with <paramref name="asynchronousChannel"/> (an <see cref="AsynchronousAttribute"/>
    /// gateway) every handler of what is sent through it receives its copy on that channel.
    /// </summary>
    protected MessageBus(EstuaryRuntime runtime, bool hasInterceptors, string? asynchronousChannel)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        Runtime = runtime;
        AsynchronousChannel = asynchronousChannel;

        // The asynchronous hand-over lives on the interceptor path, which every send of such a bus takes.
        HasInterceptors = hasInterceptors || asynchronousChannel is not null;
    }

    /// <summary>The channel every send through this bus goes to, or <see langword="null"/> for a bus that dispatches in process.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public string? AsynchronousChannel { get; }

    /// <summary>The host's composed routing tables and services.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public EstuaryRuntime Runtime { get; }

    /// <summary>Whether sends through this bus run gateway interceptors (a field: it is read on every send).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public bool HasInterceptors { get; }

    /// <summary>Runs the gateway's <see cref="BeforeAttribute"/> interceptors before a message is dispatched.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public virtual ValueTask<SendDecision> BeforeSendAsync(object? message, MessageHeaders? headers, CancellationToken cancellationToken) =>
        new(new SendDecision(true, headers));

    /// <summary>Runs the gateway's <see cref="AfterAttribute"/> interceptors after a message was handled.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public virtual ValueTask AfterSendAsync(object? message, MessageHeaders? headers, CancellationToken cancellationToken) => default;

    /// <summary>
    /// Called for every command, query and event sent through a bus with <see cref="HasInterceptors"/>,
    /// before <see cref="BeforeSendAsync"/>; a bus that observes traffic (the test harness records
    /// it) overrides this. <paramref name="payload"/> is the message, or the payload sent by routing key.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected internal virtual void OnSending(EndpointKind kind, object? payload, string? routingKey, MessageHeaders? headers)
    {
    }

    /// <inheritdoc />
    ValueTask<object?> ICommandBus.SendObjectAsync(object command, MessageHeaders? headers, CancellationToken cancellationToken) =>
        SendByTypeAsync(EndpointKind.Command, command, headers, cancellationToken);

    /// <inheritdoc />
    ValueTask<object?> ICommandBus.SendWithRoutingAsync(string routingKey, object? payload, MessageHeaders? headers, CancellationToken cancellationToken) =>
        SendByRouteAsync(EndpointKind.Command, routingKey, payload, null, headers, cancellationToken);

    /// <inheritdoc />
    ValueTask<object?> ICommandBus.SendWithRoutingAsync(string routingKey, object payload, string contentType, MessageHeaders? headers, CancellationToken cancellationToken) =>
        SendByRouteAsync(EndpointKind.Command, routingKey, payload, contentType, headers, cancellationToken);

    /// <inheritdoc />
    ValueTask<object?> IQueryBus.SendObjectAsync(object query, MessageHeaders? headers, CancellationToken cancellationToken) =>
        SendByTypeAsync(EndpointKind.Query, query, headers, cancellationToken);

    /// <inheritdoc />
    ValueTask<object?> IQueryBus.SendWithRoutingAsync(string routingKey, object? payload, MessageHeaders? headers, CancellationToken cancellationToken) =>
        SendByRouteAsync(EndpointKind.Query, routingKey, payload, null, headers, cancellationToken);

    /// <inheritdoc />
    ValueTask<object?> IQueryBus.SendWithRoutingAsync(string routingKey, object payload, string contentType, MessageHeaders? headers, CancellationToken cancellationToken) =>
        SendByRouteAsync(EndpointKind.Query, routingKey, payload, contentType, headers, cancellationToken);

    /// <inheritdoc />
    ValueTask IEventBus.PublishObjectAsync(object @event, MessageHeaders? headers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return PublishAsync(Runtime.RouteFor(@event.GetType()), @event, headers, null, cancellationToken);
    }

    /// <inheritdoc />
    ValueTask IEventBus.PublishWithRoutingAsync(string routingKey, object? payload, MessageHeaders? headers, CancellationToken cancellationToken) =>
        PublishAsync(Runtime.RouteFor(routingKey), payload, headers, routingKey, cancellationToken);

    /// <inheritdoc />
    ValueTask IEventBus.PublishWithRoutingAsync(string routingKey, object payload, string contentType, MessageHeaders? headers, CancellationToken cancellationToken) =>
        PublishAsync(Runtime.RouteFor(routingKey), payload, WithContentType(headers, contentType), routingKey, cancellationToken);

    private ValueTask<object?> SendByTypeAsync(EndpointKind kind, object message, MessageHeaders? headers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var endpoint = Runtime.RequestEndpointFor(kind, message.GetType());
        return DispatchAsync(kind, endpoint, message, null, headers, null, cancellationToken);
    }

    private ValueTask<object?> SendByRouteAsync(EndpointKind kind, string routingKey, object? payload, string? contentType, MessageHeaders? headers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(routingKey);
        var endpoint = Runtime.RequestEndpointFor(kind, routingKey);
        return DispatchAsync(kind, endpoint, payload, contentType, contentType is null ? headers : WithContentType(headers, contentType), routingKey, cancellationToken);
    }

    private ValueTask<object?> DispatchAsync(EndpointKind kind, IUntypedRequestEndpoint endpoint, object? payload, string? contentType, MessageHeaders? headers, string? routingKey, CancellationToken cancellationToken)
    {
        if (!HasInterceptors)
        {
            return endpoint.DispatchAsync(Runtime, payload, contentType, headers, routingKey, cancellationToken);
        }

        return SendThroughGatewayAsync(
            kind,
            payload,
            routingKey,
            headers,
            (Runtime, Endpoint: endpoint, Payload: payload, ContentType: contentType, RoutingKey: routingKey),
            static (s, sent, token) => s.Endpoint.DispatchAsync(s.Runtime, s.Payload, s.ContentType, sent, s.RoutingKey, token),
            static (s, channel, sent, token) => AsyncDispatch.SendThroughBusChannelAsync(s.Runtime, channel, (Endpoint)s.Endpoint, s.Payload, sent, s.RoutingKey, token),
            cancellationToken);
    }

    private async ValueTask PublishAsync(EventRoute route, object? payload, MessageHeaders? headers, string? routingKey, CancellationToken cancellationToken)
    {
        if (!HasInterceptors)
        {
            await Dispatch.RunEvent(Runtime, route, payload, headers, routingKey, cancellationToken).ConfigureAwait(false);
            return;
        }

        await SendThroughGatewayAsync(
            EndpointKind.Event,
            payload,
            routingKey,
            headers,
            (Runtime, Route: route, Payload: payload, RoutingKey: routingKey),
            static async (s, sent, token) =>
            {
                await Dispatch.RunEvent(s.Runtime, s.Route, s.Payload, sent, s.RoutingKey, token).ConfigureAwait(false);
                return Nothing.Value;
            },
            static (s, channel, sent, token) => AsyncDispatch.PublishThroughBusChannelAsync(s.Runtime, channel, s.Route, s.Payload, sent, s.RoutingKey, token),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The sequence every send through a bus with interceptors takes, typed or untyped, command,
    /// query or event: <see cref="OnSending"/>, the [Before] interceptors (which may stop the send or
    /// change its headers), the hand-off (to this bus's channel, or dispatch in process), then the
    /// [After] interceptors. <paramref name="state"/> carries what the hand-off needs, so both
    /// hand-offs are static lambdas.
    /// </summary>
    internal async ValueTask<TResult> SendThroughGatewayAsync<TState, TResult>(
        EndpointKind kind,
        object? payload,
        string? routingKey,
        MessageHeaders? headers,
        TState state,
        Func<TState, MessageHeaders?, CancellationToken, ValueTask<TResult>> inProcess,
        Func<TState, string, MessageHeaders?, CancellationToken, ValueTask> toChannel,
        CancellationToken cancellationToken)
    {
        OnSending(kind, payload, routingKey, headers);
        var decision = await BeforeSendAsync(payload, headers, cancellationToken).ConfigureAwait(false);
        if (!decision.Proceed)
        {
            return default!;
        }

        var result = default(TResult)!;
        if (AsynchronousChannel is { } channel)
        {
            await toChannel(state, channel, decision.Headers, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            result = await inProcess(state, decision.Headers, cancellationToken).ConfigureAwait(false);
        }

        await AfterSendAsync(payload, decision.Headers, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private static MessageHeaders WithContentType(MessageHeaders? headers, string contentType)
    {
        var withType = headers is null ? new MessageHeaders() : new MessageHeaders((IEnumerable<KeyValuePair<string, object?>>)headers);
        withType[MessageHeaderNames.ContentType] = contentType;
        return withType;
    }
}

/// <summary>The bus registered for <see cref="ICommandBus"/>, <see cref="IQueryBus"/> and <see cref="IEventBus"/>.</summary>
public sealed class EstuaryBus : MessageBus
{
    /// <summary>Creates the bus over a host's runtime.</summary>
    public EstuaryBus(EstuaryRuntime runtime)
        : base(runtime)
    {
    }
}
