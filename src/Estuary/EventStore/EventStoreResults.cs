using System.Collections.Generic;

namespace Estuary;

/// <summary>What an append did: the stream's new version and the position of its last event.</summary>
/// <param name="NextExpectedVersion">The stream's version now: pass it as <see cref="ExpectedVersion.Exactly"/> to append after these events.</param>
/// <param name="LastPosition">The store position of the last appended event.</param>
public readonly record struct AppendResult(long NextExpectedVersion, long LastPosition);

/// <summary>A batch of all events, in order, and where to continue.</summary>
/// <param name="Events">Up to the batch size of events after the position asked for.</param>
/// <param name="Next">Pass it to read on: the last event's checkpoint, or the position asked for when there were none.</param>
public sealed record AllEventsPage(IReadOnlyList<RecordedEvent> Events, AllPosition Next);

/// <summary>Where to read a stream from: the events after <paramref name="AfterVersion"/> (0: from the first).</summary>
/// <param name="StreamId">The stream.</param>
/// <param name="AfterVersion">The last version already read.</param>
public readonly record struct StreamSlice(string StreamId, long AfterVersion);

/// <summary>A stream's current state.</summary>
/// <param name="StreamId">The stream.</param>
/// <param name="Version">How many events it holds (its last event's version).</param>
/// <param name="Metadata">Its metadata, as text.</param>
public sealed record StreamState(string StreamId, long Version, IReadOnlyDictionary<string, string> Metadata);

/// <summary>Which way a stream is read.</summary>
public enum ReadDirection
{
    /// <summary>Oldest first, from a version up.</summary>
    Forwards,

    /// <summary>Newest first, from a version down.</summary>
    Backwards,
}
