using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;

namespace Estuary.Runtime;

/// <summary>
/// One host's declared channels, and the send side of asynchronous endpoints: it turns a message
/// for such an endpoint into a <see cref="ChannelMessage"/> and sends it, or holds it in the
/// current unit of work so it goes out only if the handler that sent it succeeds.
/// </summary>
internal sealed class ChannelRouter
{
    private readonly FrozenDictionary<string, DeclaredChannel> _channels;
    private readonly MessageRegistry _messages;

    private static readonly AsynchronousDescription s_noOptions = new(string.Empty);

    public ChannelRouter(IServiceProvider services, IReadOnlyList<ChannelRegistration> registrations, MessageRegistry messages)
    {
        _channels = registrations.ToFrozenDictionary(static r => r.Name, r => new DeclaredChannel(r, services), StringComparer.Ordinal);
        Registrations = [.. registrations];
        _messages = messages;
    }

    /// <summary>The declared channels, in declaration order.</summary>
    public IReadOnlyList<ChannelRegistration> Registrations { get; }

    public bool IsDeclared(string name) => _channels.ContainsKey(name);

    public ChannelRegistration RegistrationOf(string name) => Find(name).Registration;

    public IMessageChannel Get(string name) => Find(name).Channel;

    /// <summary>Sends <paramref name="message"/> to an asynchronous endpoint, as the message of <paramref name="context"/>.</summary>
    public ValueTask SendAsync(Endpoint endpoint, object? message, MessageContext context, MessageHeaders? sentHeaders, CancellationToken cancellationToken) =>
        SendAsync(endpoint.Channel!, endpoint, message, context, sentHeaders, cancellationToken);

    /// <summary>Sends <paramref name="message"/> for <paramref name="endpoint"/> through <paramref name="channelName"/> (an asynchronous bus's channel).</summary>
    public ValueTask SendAsync(string channelName, Endpoint endpoint, object? message, MessageContext context, MessageHeaders? sentHeaders, CancellationToken cancellationToken)
    {
        var (payload, messageName) = Serialize(endpoint, message, context);
        // An endpoint reached through an asynchronous bus has no delivery options of its own.
        var outgoing = Envelope(endpoint.EndpointId, endpoint.Description.Asynchronous ?? s_noOptions, payload, messageName, context, sentHeaders, partitionKey: endpoint.PartitionKey(message, context));
        return SendAsync(channelName, outgoing, messageName ?? endpoint.Name, context, cancellationToken);
    }

    /// <summary>
    /// Sends a payload the caller serialized to <paramref name="endpointId"/>, an endpoint of another
    /// process (the distributed bus), as the message of <paramref name="context"/> with <paramref name="extraHeaders"/>.
    /// </summary>
    public ValueTask SendAsync(
        string channelName,
        string endpointId,
        ReadOnlyMemory<byte> payload,
        MessageContext context,
        MessageHeaders? sentHeaders,
        IEnumerable<KeyValuePair<string, string>> extraHeaders,
        CancellationToken cancellationToken)
    {
        var outgoing = Envelope(endpointId, s_noOptions, payload, messageName: null, context, sentHeaders, extraHeaders);
        return SendAsync(channelName, outgoing, context.RoutingKey ?? endpointId, context, cancellationToken);
    }

    private ValueTask SendAsync(string channelName, ChannelMessage outgoing, string description, MessageContext context, CancellationToken cancellationToken)
    {
        var declared = Find(channelName);
        var channel = declared.Channel;

        // Refused here rather than dead-lettered unread by the consumer: the sender can still act on it.
        if (outgoing.Payload.Length > declared.Registration.Consumer.MaxPayloadBytes)
        {
            throw new MessageTooLargeException(
                $"The payload of {description} has {outgoing.Payload.Length} bytes, more than the {declared.Registration.Consumer.MaxPayloadBytes} "
                + $"allowed on channel '{channelName}' (ConsumerSettings.MaxPayloadBytes). Send a reference to the data instead, or raise the channel's limit.");
        }

        if (context.UnitOfWork is { } unitOfWork)
        {
            unitOfWork.Enqueue(channel, outgoing);
            return default;
        }

        return channel.SendAsync(outgoing, cancellationToken);
    }

    private ChannelMessage Envelope(
        string endpointId,
        AsynchronousDescription description,
        ReadOnlyMemory<byte> payload,
        string? messageName,
        MessageContext context,
        MessageHeaders? sentHeaders,
        IEnumerable<KeyValuePair<string, string>>? extraHeaders = null,
        string? partitionKey = null)
    {
        var sentAt = context.Timestamp;
        var delay = Duration(sentHeaders, MessageHeaderNames.DeliveryDelay) ?? Milliseconds(description.DelayMilliseconds);
        var timeToLive = Duration(sentHeaders, MessageHeaderNames.TimeToLive) ?? Milliseconds(description.TimeToLiveMilliseconds);
        var priority = sentHeaders is not null && sentHeaders.TryGetValue(MessageHeaderNames.Priority, out var raw) && HeaderValue.TryParsable<int>(raw, out var sentPriority)
            ? sentPriority
            : description.Priority;
        var wireHeaders = context.ToWireHeaders(messageName);
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity)
        {
            wireHeaders[MessageHeaderNames.TraceParent] = activity.Id!;
        }

        foreach (var (name, value) in extraHeaders ?? [])
        {
            wireHeaders[name] = value;
        }

        // The instance a message targets keeps its messages in order on a partitioned channel, unless the sender chose a key.
        if (partitionKey is not null)
        {
            wireHeaders.TryAdd(MessageHeaderNames.PartitionKey, partitionKey);
        }

        return new ChannelMessage
        {
            MessageId = context.MessageId,
            EndpointId = endpointId,
            MessageName = messageName,
            Payload = payload,
            Headers = wireHeaders,
            AvailableAt = delay is { } wait && wait > TimeSpan.Zero ? sentAt + wait : null,
            ExpiresAt = timeToLive is { } ttl ? sentAt + ttl : null,
            Priority = priority,
        };
    }

    private (ReadOnlyMemory<byte> Payload, string? Name) Serialize(Endpoint endpoint, object? message, MessageContext context)
    {
        if (endpoint.MessageType is not { } accepted)
        {
            return (ReadOnlyMemory<byte>.Empty, null);
        }

        switch (message)
        {
            case null:
                throw new MessageConversionException($"{endpoint.Name} needs a {accepted.Name}, but the payload is null.");

            // JSON sent by routing key is forwarded as is; the consumer validates it against the endpoint's type.
            case string text when accepted != typeof(string) && IsJson(context.ContentType):
                return (Encoding.UTF8.GetBytes(text), _messages.NameOf(accepted));
            case byte[] bytes when IsJson(context.ContentType):
                return (bytes, _messages.NameOf(accepted));
            case ReadOnlyMemory<byte> memory when IsJson(context.ContentType):
                return (memory, _messages.NameOf(accepted));
        }

        if (!_messages.TryGetByType(message.GetType(), out var type))
        {
            throw new MessageConversionException(
                $"{message.GetType().FullName} is not a registered message type, so it cannot be sent to the asynchronous endpoint {endpoint.Name}. " +
                "Give it [MessageName(\"...\")] or a handler in a composed module, and System.Text.Json metadata.");
        }

        return (type.Serialize(message), type.Name);
    }

    private static bool IsJson(string? contentType) =>
        contentType is null || contentType.StartsWith(MessageRegistry.JsonContentType, StringComparison.OrdinalIgnoreCase);

    private static TimeSpan? Duration(MessageHeaders? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var raw) && WireHeaders.TryGetMilliseconds(raw, out var duration) ? duration : null;

    private static TimeSpan? Milliseconds(int? value) => value is { } ms ? TimeSpan.FromMilliseconds(ms) : null;

    private DeclaredChannel Find(string name) => _channels.TryGetValue(name, out var channel)
        ? channel
        : throw new ChannelNotDeclaredException(
            $"Channel '{name}' is not declared. Declare it where the host is built, e.g. services.AddEstuary(estuary => estuary.AddInMemoryChannel(\"{name}\")) " +
            $"or AddPostgresChannel(\"{name}\"). Declared channels: {(_channels.Count == 0 ? "none" : string.Join(", ", _channels.Keys.Order(StringComparer.Ordinal)))}.");

    /// <summary>
    /// A channel is created on first use, once per host. One that cannot keep a message until it is due
    /// is handed out behind <see cref="DelayHoldingChannel"/>, so every path that sends to it (a bus call,
    /// a unit of work's messages, a replay, the outbox) leaves delayed messages with the outbox.
    /// </summary>
    private sealed class DeclaredChannel(ChannelRegistration registration, IServiceProvider services)
    {
        private readonly Lazy<IMessageChannel> _channel = new(() => registration.Factory(services) switch
        {
            IPollableChannel { HoldsDelayedMessages: false } immediate => new DelayHoldingChannel(immediate, services),
            var channel => channel,
        });

        public ChannelRegistration Registration { get; } = registration;

        public IMessageChannel Channel => _channel.Value;
    }
}
