using System;
using System.Text.Json.Nodes;

namespace Estuary;

/// <summary>One step of an event's schema history: turns the JSON of <see cref="FromRevision"/> into the next revision's.</summary>
/// <param name="EventName">The event's stable name.</param>
/// <param name="FromRevision">The revision the step reads.</param>
/// <param name="Upcast">The step (an <see cref="UpcasterAttribute"/> method).</param>
public sealed record EventUpcaster(string EventName, int FromRevision, Func<JsonObject, JsonObject> Upcast);
