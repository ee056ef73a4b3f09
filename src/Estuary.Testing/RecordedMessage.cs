using Estuary.Runtime;

namespace Estuary.Testing;

/// <summary>A command, query or event as it was given to a bus, by the test or by a handler.</summary>
/// <param name="Kind">Whether it was sent as a command or a query, or published as an event.</param>
/// <param name="Payload">The message, or the payload sent by routing key (which may be <see langword="null"/> or serialized JSON).</param>
/// <param name="RoutingKey">The routing key of a send or publish by key; <see langword="null"/> for a message routed by its type.</param>
/// <param name="Headers">
/// A copy of the headers given to the bus call, or <see langword="null"/> when it had none. Headers the
/// message inherits from the one being handled (correlation id, user headers) are not included.
/// </param>
public sealed record RecordedMessage(EndpointKind Kind, object? Payload, string? RoutingKey, MessageHeaders? Headers);
