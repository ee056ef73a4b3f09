using System;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary;

/// <summary>
/// Sends commands to other services and publishes events to the services subscribed to them,
/// through the channels of the <see cref="DistributedServiceMap"/> given to <c>UseDistributedBus</c>.
/// Messages are addressed by routing key and carried as JSON, so the services share no classes: each
/// reads the payload into its own type. Inside a handler, what it sends leaves with the handler's
/// unit of work (in its transaction, or through the outbox), like any message it sends.
/// </summary>
public interface IDistributedBus
{
    /// <summary>The name of this service in the map.</summary>
    string ServiceName { get; }

    /// <summary>
    /// Sends <paramref name="command"/>, serialized as JSON with the composed modules' System.Text.Json
    /// metadata, to the <see cref="DistributedAttribute"/> command handler of <paramref name="targetService"/>
    /// registered for <paramref name="routingKey"/>.
    /// </summary>
    ValueTask SendCommandAsync<TCommand>(string targetService, string routingKey, TCommand command, MessageHeaders? headers = null, CancellationToken cancellationToken = default)
        where TCommand : notnull;

    /// <summary>Sends a command whose payload is already UTF-8 JSON.</summary>
    ValueTask SendRawCommandAsync(string targetService, string routingKey, ReadOnlyMemory<byte> json, MessageHeaders? headers = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Publishes <paramref name="event"/> under the name <paramref name="routingKey"/> to every other
    /// service of the map subscribed to that name; nothing is sent when none is.
    /// </summary>
    ValueTask PublishEventAsync<TEvent>(string routingKey, TEvent @event, MessageHeaders? headers = null, CancellationToken cancellationToken = default)
        where TEvent : notnull;

    /// <summary>Publishes an event whose payload is already UTF-8 JSON.</summary>
    ValueTask PublishRawEventAsync(string routingKey, ReadOnlyMemory<byte> json, MessageHeaders? headers = null, CancellationToken cancellationToken = default);
}
