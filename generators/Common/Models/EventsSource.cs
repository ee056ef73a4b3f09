namespace Estuary.SourceGeneration;

/// <summary>Where a handler on an event-sourced aggregate puts its new events.</summary>
internal enum EventsSource
{
    /// <summary>Returned: one event.</summary>
    ReturnedSingle,

    /// <summary>Returned: a sequence of events.</summary>
    ReturnedSequence,

    /// <summary>Recorded in the aggregate and read from its [AggregateEvents] method; the handler's result is its answer.</summary>
    Recorded,
}
