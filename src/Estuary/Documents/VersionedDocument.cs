namespace Estuary;

/// <summary>A document as read by <see cref="IDocumentStore.FindVersionedAsync"/>, with the version to pass to <see cref="IDocumentStore.SaveAsync"/>.</summary>
/// <param name="Document">The document (a new copy).</param>
/// <param name="Version">Its version: 1 when added, incremented by every write.</param>
public sealed record VersionedDocument<T>(T Document, long Version);
