using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Estuary.Postgres.Tests.EventStore.Torture;

/// <summary>The reader under test: <see cref="IEventStore.ReadAllAsync"/>, continuing from each page's <c>Next</c>.</summary>
internal sealed class AllEventsReader(IEventStore store, int seed) : ReaderLoop(seed)
{
    private readonly List<SeenEvent> _seen = [];
    private AllPosition _checkpoint = AllPosition.Start;

    /// <summary>Every event read, in the order read. Read it once the reader has stopped.</summary>
    public IReadOnlyList<SeenEvent> Seen => _seen;

    protected override async Task<int> ReadPageAsync(int batchSize)
    {
        var page = await store.ReadAllAsync(_checkpoint, batchSize);
        foreach (var recorded in page.Events)
        {
            _seen.Add(new SeenEvent(recorded.EventId, recorded.StreamId, recorded.StreamVersion, recorded.Checkpoint));
        }

        _checkpoint = page.Next;
        return page.Events.Count;
    }
}

/// <summary>An event as a reader of all events saw it.</summary>
internal readonly record struct SeenEvent(Guid EventId, string StreamId, long Version, AllPosition Checkpoint);
