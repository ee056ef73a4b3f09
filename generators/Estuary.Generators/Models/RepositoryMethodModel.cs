namespace Estuary.SourceGeneration;

/// <summary>One [Repository] method: what it does, on which aggregate, with which parameters.</summary>
/// <param name="Identifiers">The aggregate's identifiers; Access is the parameter holding each (get, find) or the member (save).</param>
/// <param name="AggregateParameter">The parameter holding the aggregate (save).</param>
/// <param name="TokenParameter">The CancellationToken parameter, if any.</param>
/// <param name="Declared">The method as declared: return type, name and parameters.</param>
internal sealed record RepositoryMethodModel(
    string Name,
    RepositoryMethodKind Kind,
    string AggregateType,
    string AggregateName,
    EquatableArray<IdentifierModel> Identifiers,
    VersionMemberModel? Version,
    string? AggregateParameter,
    string? TokenParameter,
    bool ReturnsValueTask,
    DeclaredMethodModel Declared)
{
    /// <summary>The aggregate's description when it is event-sourced: loaded by replaying its stream.</summary>
    public EventSourcedModel? EventSourced { get; init; }
}
