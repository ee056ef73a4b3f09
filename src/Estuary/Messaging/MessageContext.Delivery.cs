using System;
using System.Collections.Generic;
using System.Threading;
using Estuary.Channels;
using Estuary.Runtime;

namespace Estuary;

// Contexts of messages that cross a channel: the wire headers of an outgoing message, and the
// context of a received one.
public sealed partial class MessageContext
{
    private static readonly string[] s_travellingReserved = [MessageHeaderNames.AggregateId, MessageHeaderNames.PartitionKey];

    /// <summary>Creates the context of a message received from a channel, handled in <paramref name="unitOfWork"/>.</summary>
    internal static MessageContext CreateForDelivery(EstuaryRuntime runtime, ChannelMessage message, UnitOfWork unitOfWork, CancellationToken cancellationToken)
    {
        var wire = message.Headers;
        wire.TryGetValue(MessageHeaderNames.RoutingKey, out var routingKey);
        var context = new MessageContext();
        context.Initialize(runtime, headers: null, routingKey, cancellationToken, parent: null);

        // Only the headers that propagate are copied (usually none); the reserved ones of this message
        // are read from the received headers themselves: this runs for every received message.
        context._headers = MessageHeaders.UserPartOf(wire);
        context._received = wire;
        context._messageId = message.MessageId;
        context.ApplyIdentity();
        context._unitOfWork = unitOfWork;
        return context;
    }

    /// <summary>The context a <see cref="UnitOfWorkScope"/> makes current: no message, but the unit of work and a flow identity.</summary>
    internal static MessageContext CreateForScope(EstuaryRuntime runtime, UnitOfWork unitOfWork)
    {
        var context = CreateForAsync(runtime, headers: null, routingKey: null, CancellationToken.None);
        context._unitOfWork = unitOfWork;
        return context;
    }

    /// <summary>The headers this message travels with on a channel: identity, routing and the propagated user headers, as text.</summary>
    internal Dictionary<string, string> ToWireHeaders(string? messageName)
    {
        // Sized once: the user headers, the travelling reserved ones, and the seven of the message itself.
        var wire = new Dictionary<string, string>((_headers?.Count ?? 0) + s_travellingReserved.Length + 7, StringComparer.Ordinal);
        if (_headers is not null)
        {
            foreach (var pair in _headers)
            {
                if (WireHeaders.Format(pair.Value) is { } text)
                {
                    wire[pair.Key] = text;
                }
            }
        }

        // Reserved headers that describe this message itself cross the channel with it: the instance it
        // targets, and what keeps it in order on a partitioned channel.
        foreach (var name in s_travellingReserved)
        {
            if (TryGetReserved(name, out var value) && WireHeaders.Format(value) is { } text)
            {
                wire[name] = text;
            }
        }

        var id = WireHeaders.Format(MessageId);
        wire[MessageHeaderNames.MessageId] = id;

        // A message that starts its flow is its own correlation: the same text.
        wire[MessageHeaderNames.CorrelationId] = CorrelationId == MessageId ? id : WireHeaders.Format(CorrelationId);
        if (CausationId is { } causation)
        {
            wire[MessageHeaderNames.CausationId] = WireHeaders.Format(causation);
        }

        wire[MessageHeaderNames.Timestamp] = WireHeaders.Format(Timestamp);
        wire[MessageHeaderNames.ContentType] = MessageRegistry.JsonContentType;
        if (_routingKey is not null)
        {
            wire[MessageHeaderNames.RoutingKey] = _routingKey;
        }

        if (messageName is not null)
        {
            wire[MessageHeaderNames.MessageName] = messageName;
        }

        return wire;
    }
}
