using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Runtime;

/// <summary>
/// Sends to the inbox (<see cref="DistributedInbox"/>) of other services: one message per command,
/// one copy per subscribed service for an event (the copies share the message id). The kind, the
/// routing key and the services travel in reserved headers, so another program can take part.
/// </summary>
internal sealed class DistributedBus(EstuaryRuntime runtime, DistributedBusSettings settings) : IDistributedBus
{
    private const string CommandKind = "command";
    private const string EventKind = "event";

    public string ServiceName => settings.ServiceName;

    public ValueTask SendCommandAsync<TCommand>(string targetService, string routingKey, TCommand command, MessageHeaders? headers, CancellationToken cancellationToken)
        where TCommand : notnull =>
        SendRawCommandAsync(targetService, routingKey, Serialize(command), headers, cancellationToken);

    public async ValueTask SendRawCommandAsync(string targetService, string routingKey, ReadOnlyMemory<byte> json, MessageHeaders? headers, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(targetService);
        ArgumentException.ThrowIfNullOrWhiteSpace(routingKey);
        var target = settings.Map.Find(targetService) ?? throw new UnknownServiceException(
            $"Service '{targetService}' is not in the distributed service map of '{settings.ServiceName}'. " +
            $"Add it in UseDistributedBus: map.AddService(\"{targetService}\", channel: \"...\"). Services in the map: {ServiceList()}.");
        var context = MessageContext.CreateForAsync(runtime, headers, routingKey, cancellationToken);
        await runtime.Channels.SendAsync(target.Channel, DistributedInbox.InboxEndpointId, json, context, headers, Headers(CommandKind, target.Name), cancellationToken).ConfigureAwait(false);
    }

    public ValueTask PublishEventAsync<TEvent>(string routingKey, TEvent @event, MessageHeaders? headers, CancellationToken cancellationToken)
        where TEvent : notnull =>
        PublishRawEventAsync(routingKey, Serialize(@event), headers, cancellationToken);

    public async ValueTask PublishRawEventAsync(string routingKey, ReadOnlyMemory<byte> json, MessageHeaders? headers, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(routingKey);

        // One context for every copy: each subscribed service receives the same message id.
        var context = MessageContext.CreateForAsync(runtime, headers, routingKey, cancellationToken);
        foreach (var subscriber in settings.Map.SubscribersOf(routingKey, settings.ServiceName))
        {
            await runtime.Channels.SendAsync(subscriber.Channel, DistributedInbox.InboxEndpointId, json, context, headers, Headers(EventKind, target: null), cancellationToken).ConfigureAwait(false);
        }
    }

    private byte[] Serialize<T>(T message) => JsonSerializer.SerializeToUtf8Bytes(message, runtime.JsonTypeInfoOf<T>());

    private KeyValuePair<string, string>[] Headers(string kind, string? target) => target is null
        ? [new(MessageHeaderNames.DistributedKind, kind), new(MessageHeaderNames.SourceService, settings.ServiceName)]
        : [new(MessageHeaderNames.DistributedKind, kind), new(MessageHeaderNames.SourceService, settings.ServiceName), new(MessageHeaderNames.TargetService, target)];

    private string ServiceList() => settings.Map.Services.Count == 0 ? "none" : string.Join(", ", settings.Map.Services.Select(static s => s.Name));

    internal static bool IsCommand(string kind) => kind == CommandKind;

    internal static bool IsEvent(string kind) => kind == EventKind;
}
