using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Estuary.Runtime;

/// <summary>
/// Where another service's commands and events enter this one: the endpoint of this service's
/// distributed channel. It reads the routing key and hands the payload, as JSON, to the
/// <see cref="DistributedAttribute"/> handlers only: a command to the one registered for the key, an
/// event to every subscriber whose pattern or message name matches, exactly as an event published in
/// process (a synchronous subscriber runs within this delivery, an asynchronous one gets its copy on
/// its own channel). The handlers see the received message's id, correlation and headers.
/// </summary>
internal sealed class DistributedInbox : Endpoint
{
    /// <summary>The endpoint id every distributed message carries on the wire.</summary>
    public const string InboxEndpointId = "estuary.distributed";

    private readonly string _service;
    private readonly FrozenDictionary<string, Endpoint> _commands;
    private readonly EventEndpoint[] _events;

    public DistributedInbox(DistributedService service, IEnumerable<Endpoint> endpoints)
        : base(new EndpointDescription(
            EndpointKind.Distributed,
            "DistributedBus.Inbox",
            InboxEndpointId,
            ModuleName: "Estuary",
            RoutingKey: null,
            IsSynchronous: false,
            Asynchronous: new AsynchronousDescription(service.Channel)))
    {
        _service = service.Name;
        var distributed = endpoints.Where(static e => e.Description.Distributed).ToArray();
        _commands = distributed
            .Where(static e => e.Kind == EndpointKind.Command && e.Description.RoutingKey is not null)
            .ToFrozenDictionary(static e => e.Description.RoutingKey!, StringComparer.Ordinal);

        // Higher priority first, as on the event bus.
        _events = distributed.OfType<EventEndpoint>().OrderByDescending(static e => e.Priority).ToArray();
    }

    /// <inheritdoc />
    public override Type? MessageType => null;

    /// <inheritdoc />
    internal override bool ReadsRawPayload => true;

    /// <inheritdoc />
    internal override async ValueTask InvokeReceivedAsync(object? message, MessageContext context)
    {
        var payload = message is ReadOnlyMemory<byte> bytes ? bytes : ReadOnlyMemory<byte>.Empty;
        var kind = Header(context, MessageHeaderNames.DistributedKind);
        var routingKey = context.RoutingKey ?? throw new MissingHeaderException(
            $"A distributed message needs the '{MessageHeaderNames.RoutingKey}' header: the routing key of the handler it is for.");
        if (DistributedBus.IsCommand(kind))
        {
            await HandleCommandAsync(routingKey, payload, context).ConfigureAwait(false);
        }
        else if (DistributedBus.IsEvent(kind))
        {
            await HandleEventAsync(routingKey, payload, context).ConfigureAwait(false);
        }
        else
        {
            throw new MessageConversionException($"'{MessageHeaderNames.DistributedKind}' is '{kind}'; a distributed message is a 'command' or an 'event'.");
        }
    }

    private async ValueTask HandleCommandAsync(string routingKey, ReadOnlyMemory<byte> payload, MessageContext context)
    {
        // No retry can make a missing handler appear: the message is unusable here, and goes to the dead letter.
        if (!_commands.TryGetValue(routingKey, out var handler))
        {
            throw new MessageConversionException(
                $"Service '{_service}' has no [Distributed] command handler for routing key '{routingKey}'. " +
                $"Distributed command keys here: {(_commands.Count == 0 ? "none" : string.Join(", ", _commands.Keys.Order(StringComparer.Ordinal)))}.");
        }

        await handler.InvokeReceivedAsync(Read(handler, payload, context), context).ConfigureAwait(false);
    }

    private async ValueTask HandleEventAsync(string eventName, ReadOnlyMemory<byte> payload, MessageContext context)
    {
        var runtime = context.Runtime;
        var sentHeaders = context.UserHeaders;
        // Not cached: event names come from other programs, and a cache keyed by them would grow without bound.
        foreach (var subscriber in Subscribers(runtime, eventName))
        {
            if (subscriber.Channel is not null)
            {
                // Its own copy (same message id), retried and dead-lettered on its own channel; the JSON goes as received.
                await runtime.Channels.SendAsync(subscriber, payload, context, sentHeaders, context.CancellationToken).ConfigureAwait(false);
                continue;
            }

            await subscriber.InvokeAsync(Read(subscriber, payload, context), context).ConfigureAwait(false);

            // A subscriber's header-changing interceptor must not leak into its siblings.
            context.RestoreHeaders(sentHeaders);
        }
    }

    private EventEndpoint[] Subscribers(EstuaryRuntime runtime, string eventName)
    {
        // The subscribers of the type registered under the name, and those whose pattern matches it.
        var type = runtime.Messages.TryGetByName(eventName, out var registered) ? registered.ClrType : null;
        return Array.FindAll(_events, e => e.Accepts(type, eventName));
    }

    private static object? Read(Endpoint handler, ReadOnlyMemory<byte> payload, MessageContext context)
    {
        if (handler.MessageType is not { } type)
        {
            return null;
        }

        if (!context.Runtime.Messages.TryGetByType(type, out var registered) || !registered.IsSerializable)
        {
            throw new MessageConversionException(
                $"{handler.Name} takes {type.FullName}, which has no System.Text.Json metadata to read a distributed message into. Add it to a JsonSerializerContext of its assembly.");
        }

        return registered.Deserialize(payload.Span);
    }

    private static string Header(MessageContext context, string name) =>
        context.TryGetHeader(name, out var value) && value is string { Length: > 0 } text
            ? text
            : throw new MissingHeaderException($"A distributed message needs the '{name}' header ('command' or 'event').");
}
