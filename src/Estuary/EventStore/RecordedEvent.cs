using System;

namespace Estuary;

/// <summary>An event as stored: what was appended, plus where it sits in its stream and in the store.</summary>
/// <param name="StreamId">The stream it belongs to.</param>
/// <param name="StreamVersion">Its version in the stream: 1 for the first event, gapless.</param>
/// <param name="Position">Its position among all events of the store (increasing, with gaps).</param>
/// <param name="Transaction">The store's order of the transaction that appended it; with <paramref name="Position"/> it makes <see cref="Checkpoint"/>.</param>
/// <param name="EventId">The id given when appending.</param>
/// <param name="Type">The stable type name.</param>
/// <param name="Revision">The payload's schema revision.</param>
/// <param name="Data">The payload, UTF-8 JSON.</param>
/// <param name="Metadata">The metadata given when appending.</param>
/// <param name="CreatedAt">When it was appended (the store's clock).</param>
public sealed record RecordedEvent(
    string StreamId,
    long StreamVersion,
    long Position,
    ulong Transaction,
    Guid EventId,
    string Type,
    int Revision,
    ReadOnlyMemory<byte> Data,
    EventMetadata Metadata,
    DateTimeOffset CreatedAt)
{
    /// <summary>Where a reader of all events continues after this one.</summary>
    public AllPosition Checkpoint => new(Transaction, Position);
}
