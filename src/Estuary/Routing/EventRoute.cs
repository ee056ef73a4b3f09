using System;

namespace Estuary.Runtime;

/// <summary>The subscribers an event reaches, in the order they run.</summary>
internal sealed class EventRoute
{
    public static readonly EventRoute Empty = new([]);

    public EventRoute(EventEndpoint[] subscribers)
    {
        Subscribers = subscribers;
        AllSynchronous = Array.TrueForAll(subscribers, static s => s.IsInline);
    }

    public EventEndpoint[] Subscribers { get; }

    /// <summary>Whether every subscriber runs right away and synchronously (none is asynchronous or awaits).</summary>
    public bool AllSynchronous { get; }
}
