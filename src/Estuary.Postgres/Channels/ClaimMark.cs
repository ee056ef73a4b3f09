namespace Estuary.Postgres;

/// <summary>
/// The deduplication mark a receive recorded in the round trip of its claim: the received message's id
/// for its endpoint, in <paramref name="Table"/>, written after the first attempt's savepoint so a failed
/// attempt's rollback undoes it like any mark. The deduplication store takes it instead of writing the
/// mark again; a mark nobody took (the message expired or was dead-lettered before a handler ran, or its
/// endpoint deduplicates by another key) is removed before the delivery commits.
/// </summary>
/// <param name="Table">The deduplication table the mark is in.</param>
/// <param name="EndpointId">The endpoint the message was sent to.</param>
/// <param name="Key">The message id, as the consumer formats a deduplication key from it.</param>
/// <param name="Recorded">Whether the mark was new; <see langword="false"/> when the key was already recorded (a duplicate).</param>
internal sealed record ClaimMark(string Table, string EndpointId, string Key, bool Recorded);
