namespace Estuary.SourceGeneration;

/// <summary>An [Identifier] member of an aggregate, and the expression reading it from the message (actions) or the aggregate (factories).</summary>
internal sealed record IdentifierModel(string Member, string TypeName, string Access);
