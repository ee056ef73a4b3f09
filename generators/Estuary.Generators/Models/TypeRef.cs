namespace Estuary.SourceGeneration;

/// <summary>A type by its global-qualified name (<c>global::Shop.@event</c>), its short name (<c>event</c>) and its plain name (<c>Shop.event</c>).</summary>
internal sealed record TypeRef(string FullName, string Name, string PlainName);
