namespace Estuary.SourceGeneration;

/// <summary>How a handler declared on an [Aggregate] or [Saga] is wired: the type, its identifiers and whether it creates or acts.</summary>
/// <param name="EventsMethod">The [AggregateEvents] method whose events are published after the save, if any.</param>
/// <param name="ReadOnly">A query handler: the instance is loaded and asked, never saved.</param>
/// <param name="DropWhenNotFound">An event handler with DropMessageOnNotFound (a saga's by default): a missing instance skips the event.</param>
internal sealed record AggregateModel(string TypeName, string Name, bool IsFactory, EquatableArray<IdentifierModel> Identifiers, bool FromHeader, string? EventsMethod = null, bool ReadOnly = false, bool DropWhenNotFound = false)
{
    /// <summary>Declared [Saga] rather than [Aggregate].</summary>
    public bool IsSaga { get; init; }

    /// <summary>The member Estuary keeps at the stored version, if any.</summary>
    public VersionMemberModel? Version { get; init; }

    /// <summary>A saga's [SagaCompleted] member: when true after the handler, the saga is deleted instead of saved.</summary>
    public string? CompletedMember { get; init; }

    /// <summary>How many times a save that lost to a concurrent change is retried ([ConcurrencyRetry]).</summary>
    public int ConcurrencyRetries { get; init; }

    /// <summary>The aggregate an action returns, saved as new too.</summary>
    public CreatedAggregateModel? Creates { get; init; }

    /// <summary>Set for an [EventSourcingAggregate]: its events are its state.</summary>
    public EventSourcedModel? EventSourced { get; init; }

    /// <summary>For an event-sourced handler: where its new events come from (null: it yields none).</summary>
    public EventsSource? Events { get; init; }

    /// <summary>For a state-stored aggregate or saga: what its generated definition says.</summary>
    public StoredDefinitionModel? Definition { get; init; }
}
