using System;
using System.Collections.Generic;
using System.Linq;
using Estuary.Runtime;

namespace Estuary;

/// <summary>
/// Which service listens where: for each service of the system, the channel it receives distributed
/// commands and events on, and the event names it subscribes to. Channels may be of any transport
/// (a RabbitMQ queue for one service, a PostgreSQL channel for another); the map routes, the channels
/// only carry. Usually one shared definition that every service builds the same way.
/// </summary>
public sealed class DistributedServiceMap
{
    private readonly List<DistributedService> _services = [];

    /// <summary>The services, in the order they were added.</summary>
    public IReadOnlyList<DistributedService> Services => _services;

    /// <summary>
    /// Adds a service that receives its distributed messages on <paramref name="channel"/>: every
    /// command sent to it, and the events whose names match one of <paramref name="subscribesTo"/>
    /// (<c>order.placed</c>, <c>order.*</c>, <c>*</c>).
    /// </summary>
    public DistributedServiceMap AddService(string name, string channel, params string[] subscribesTo)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        ArgumentNullException.ThrowIfNull(subscribesTo);
        if (Find(name) is not null)
        {
            throw new InvalidOperationException($"Service '{name}' is in the distributed service map twice. Add each service once.");
        }

        if (_services.Find(s => s.Channel == channel) is { } sharing)
        {
            throw new InvalidOperationException(
                $"Services '{sharing.Name}' and '{name}' both receive on channel '{channel}': each would take the other's commands. Give each service a channel of its own.");
        }

        if (Array.Find(subscribesTo, static pattern => string.IsNullOrWhiteSpace(pattern)) is not null)
        {
            throw new ArgumentException($"Service '{name}' subscribes to an empty event name pattern.", nameof(subscribesTo));
        }

        _services.Add(new DistributedService(name, channel, [.. subscribesTo]));
        return this;
    }

    /// <summary>The service named <paramref name="name"/>, or <see langword="null"/>.</summary>
    public DistributedService? Find(string name) => _services.Find(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    /// <summary>The services other than <paramref name="publisher"/> subscribed to events named <paramref name="eventName"/>.</summary>
    internal IEnumerable<DistributedService> SubscribersOf(string eventName, string publisher) =>
        _services.Where(s => !string.Equals(s.Name, publisher, StringComparison.Ordinal) && s.SubscribesTo(eventName));
}

/// <summary>One service of a <see cref="DistributedServiceMap"/>.</summary>
/// <param name="Name">The service's name, as other services address it.</param>
/// <param name="Channel">The channel the service receives its distributed messages on.</param>
/// <param name="Subscriptions">The event name patterns it subscribes to.</param>
public sealed record DistributedService(string Name, string Channel, IReadOnlyList<string> Subscriptions)
{
    /// <summary>Whether an event named <paramref name="eventName"/> goes to this service.</summary>
    public bool SubscribesTo(string eventName) => Subscriptions.Any(pattern => RoutingPattern.Matches(pattern, eventName));
}
