using System;
using System.Collections.Generic;

namespace Estuary;

/// <summary>The argument checks every event store makes, so they fail alike.</summary>
internal static class EventStoreArguments
{
    public static void ValidateStream(string streamId)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
    }

    public static void ValidateAppend(string streamId, IReadOnlyList<EventData> events)
    {
        ValidateStream(streamId);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("An append needs at least one event.", nameof(events));
        }

        foreach (var data in events)
        {
            if (data is null || string.IsNullOrEmpty(data.Type) || data.Metadata is null || data.Revision < 1)
            {
                throw new ArgumentException("Every event needs a type name, metadata and a revision of at least 1.", nameof(events));
            }
        }
    }

    public static void ValidateRead(string streamId, int maxCount)
    {
        ValidateStream(streamId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
    }
}
