namespace Estuary;

/// <summary>
/// An append expected its stream at one version and found another: another writer appended since the
/// stream was read. Read it again and decide again. A <see cref="ConcurrencyException"/>, so retries
/// on concurrency apply to event-sourced aggregates as to stored ones.
/// </summary>
public sealed class WrongExpectedVersionException(string streamId, ExpectedVersion expected, long actualVersion) : ConcurrencyException(
    "events",
    streamId,
    expected.Value,
    actualVersion,
    $"Stream '{streamId}' {(actualVersion == 0 ? "does not exist" : $"is at version {actualVersion}")}, but the append expected {(expected.Value == 0 ? "no stream" : $"version {expected.Value}")}: "
    + "another writer appended since it was read. Read the stream again, decide again and append with the version read.")
{
    /// <summary>The stream appended to.</summary>
    public string StreamId { get; } = streamId;
}
