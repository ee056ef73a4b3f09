namespace Estuary.SourceGeneration;

/// <summary>The services generated code resolves, named by type: what the plan gives a slot and the emitters cast to.</summary>
internal static class ServiceTypes
{
    /// <summary>The repository a state-stored aggregate or saga is loaded from and saved to.</summary>
    public static string StoredRepository(string aggregateType) => "global::Estuary.IAggregateRepository<" + aggregateType + ">";

    /// <summary>The repository an event-sourced aggregate is replayed from and appended through.</summary>
    public static string EventSourcedRepository(string aggregateType) => "global::Estuary.EventSourcedRepository<" + aggregateType + ">";

    /// <summary>The repository an aggregate of either kind is reached through.</summary>
    public static string Repository(AggregateModel aggregate) =>
        aggregate.EventSourced is null ? StoredRepository(aggregate.TypeName) : EventSourcedRepository(aggregate.TypeName);

    /// <summary>A type as a service is registered: without the nullable annotation a parameter may carry.</summary>
    public static string NonNullable(string typeName) =>
        typeName.EndsWith("?", System.StringComparison.Ordinal) ? typeName.Substring(0, typeName.Length - 1) : typeName;
}
