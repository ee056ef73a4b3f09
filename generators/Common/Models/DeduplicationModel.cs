namespace Estuary.SourceGeneration;

/// <summary>
/// How a [Deduplicated] endpoint reads its key: from a header, or through a member path on the
/// message compiled into an access expression over <c>message</c> (null-conditional where a
/// segment can be null).
/// </summary>
internal sealed record DeduplicationModel(string? Header, string? MemberAccess);
