namespace Estuary.SourceGeneration;

/// <summary>An [EventSourcingHandler] method and the event type it applies.</summary>
internal sealed record ApplyModel(string EventType, string Method);
