namespace Estuary.SourceGeneration;

/// <summary>A user interface deriving from a bus interface; it gets a generated implementation.</summary>
/// <param name="Channel">Set when the interface carries [Asynchronous]: every send through it goes to this channel.</param>
internal sealed record GatewayModel(TypeRef Interface, string Namespace, EquatableArray<string> Buses, string? Channel = null);
