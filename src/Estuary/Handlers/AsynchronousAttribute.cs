using System;

namespace Estuary;

/// <summary>
/// Runs a handler asynchronously: instead of being called during the send, it receives its own
/// copy of the message through <paramref name="channel"/> and is called by that channel's consumer,
/// with retries and the dead letter. On a class, applies to every handler method of the class. On
/// a gateway interface (one deriving from <see cref="ICommandBus"/> or <see cref="IEventBus"/>), makes
/// every send through it asynchronous: each handler of what it sends gets its copy on the channel.
/// </summary>
/// <remarks>
/// The endpoint id travels with the message and selects the handler on the consumer side, so give
/// asynchronous handlers an explicit <c>EndpointId</c> to keep messages in flight valid when the
/// class or method is renamed.
/// </remarks>
/// <param name="channel">The channel's name, declared in <c>AddEstuary</c> (<c>AddInMemoryChannel</c>, <c>AddPostgresChannel</c>...).</param>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class AsynchronousAttribute(string channel) : Attribute
{
    /// <summary>The channel's name.</summary>
    public string Channel { get; } = channel;

    /// <summary>Delivery priority on the channel: higher is delivered first among available messages.</summary>
    public int Priority { get; set; }
}
