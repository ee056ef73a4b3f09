using System;
using System.Collections.Frozen;
using System.Collections.Generic;

namespace Estuary.Channels;

/// <summary>
/// A message as it travels through a channel: the serialized payload, string headers, and the
/// delivery facts a channel acts on. This is the wire envelope (see <c>docs/wire-format.md</c>):
/// everything a consumer needs is here, and nothing in it names a CLR type.
/// </summary>
public sealed class ChannelMessage
{
    private static readonly IReadOnlyDictionary<string, string> s_noHeaders = FrozenDictionary<string, string>.Empty;

    /// <summary>The message id. Copies of one event sent to several endpoints share it.</summary>
    public required Guid MessageId { get; init; }

    /// <summary>The endpoint that handles the message: it selects exactly one handler on the consumer side.</summary>
    public required string EndpointId { get; init; }

    /// <summary>The registered name of the payload's type, or <see langword="null"/> for a payload-less (routing-key) message.</summary>
    public string? MessageName { get; init; }

    /// <summary>The payload, UTF-8 JSON unless the <c>content-type</c> header says otherwise.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>Headers, reserved ones (ids, timestamp, routing key, trace context) included, as invariant text.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = s_noHeaders;

    /// <summary>The message is not delivered before this instant (delays and delayed retries).</summary>
    public DateTimeOffset? AvailableAt { get; init; }

    /// <summary>The message is discarded instead of delivered after this instant (time to live).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Higher priorities are delivered first among available messages.</summary>
    public int Priority { get; init; }

    /// <summary>How many deliveries of this message have failed so far.</summary>
    public int Attempts { get; init; }

    /// <summary>
    /// The key that keeps this message in order with others on a partitioned channel (the
    /// <c>partition-key</c> header), or <see langword="null"/> when it has none.
    /// </summary>
    public string? PartitionKey => Headers.TryGetValue(MessageHeaderNames.PartitionKey, out var key) ? key : null;

    /// <summary>Copies the message for another delivery at <paramref name="availableAt"/>, one failed attempt more.</summary>
    public ChannelMessage ForRetry(DateTimeOffset? availableAt) => new()
    {
        MessageId = MessageId,
        EndpointId = EndpointId,
        MessageName = MessageName,
        Payload = Payload,
        Headers = Headers,
        AvailableAt = availableAt,
        ExpiresAt = ExpiresAt,
        Priority = Priority,
        Attempts = Attempts + 1,
    };

    /// <summary>Copies the message as due now: what a holder of delayed messages (the outbox) forwards when its time came.</summary>
    public ChannelMessage AsDue() => new()
    {
        MessageId = MessageId,
        EndpointId = EndpointId,
        MessageName = MessageName,
        Payload = Payload,
        Headers = Headers,
        ExpiresAt = ExpiresAt,
        Priority = Priority,
        Attempts = Attempts,
    };

    /// <summary>Copies the message for a fresh start (a replay from the dead letter), with extra headers.</summary>
    public ChannelMessage ForReplay(IReadOnlyDictionary<string, string> headers) => new()
    {
        MessageId = MessageId,
        EndpointId = EndpointId,
        MessageName = MessageName,
        Payload = Payload,
        Headers = headers,
        Priority = Priority,
    };

    /// <inheritdoc />
    public override string ToString() => $"{MessageName ?? "(no payload)"} {MessageId} to {EndpointId}";
}
