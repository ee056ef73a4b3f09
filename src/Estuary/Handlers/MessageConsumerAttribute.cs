using System;

namespace Estuary;

/// <summary>
/// Makes a method the consumer of a channel's messages that name no endpoint: what programs other
/// than Estuary put on the channel's queue in their own format. The first parameter receives the
/// body, read as the JSON of its type; further parameters bind to headers (<c>[Header("...")]</c>),
/// services, the <see cref="System.Threading.CancellationToken"/> or the <see cref="MessageContext"/>,
/// as for any handler. The channel's retries, dead letter and deduplication apply; <see cref="RetryAttribute"/>
/// and <see cref="DeduplicatedAttribute"/> may be added. One message consumer per channel; the buses
/// never route to it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class MessageConsumerAttribute : Attribute
{
    /// <summary>Consumes the messages of <paramref name="channel"/> that name no endpoint.</summary>
    public MessageConsumerAttribute(string channel) => Channel = channel;

    /// <summary>The channel whose messages it consumes.</summary>
    public string Channel { get; }

    /// <summary>A stable identifier of this endpoint (deduplication marks are kept per endpoint id) that survives renames of the class or method.</summary>
    public string? EndpointId { get; set; }
}
