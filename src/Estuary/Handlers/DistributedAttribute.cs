using System;

namespace Estuary;

/// <summary>
/// Makes a <see cref="CommandHandlerAttribute"/> or <see cref="EventHandlerAttribute"/> method callable
/// by other services through the distributed bus: a command sent to this service with the handler's
/// routing key, an event published under a name its <see cref="EventHandlerAttribute.ListenTo"/>
/// pattern (or its message type's registered name) matches. Other handlers are never reached from
/// outside, so removing or renaming one cannot break another service silently.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DistributedAttribute : Attribute
{
}
