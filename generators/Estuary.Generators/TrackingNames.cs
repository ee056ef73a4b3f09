namespace Estuary.SourceGeneration;

/// <summary>Names of the generator's pipeline steps, so tests can check each is cached.</summary>
internal static class TrackingNames
{
    public const string Commands = nameof(Commands);
    public const string Queries = nameof(Queries);
    public const string Events = nameof(Events);
    public const string Schedules = nameof(Schedules);
    public const string MessageConsumers = nameof(MessageConsumers);
    public const string Befores = nameof(Befores);
    public const string Arounds = nameof(Arounds);
    public const string Afters = nameof(Afters);
    public const string JsonContexts = nameof(JsonContexts);
    public const string Gateways = nameof(Gateways);
    public const string BusinessMethods = nameof(BusinessMethods);
    public const string NamedMessages = nameof(NamedMessages);
    public const string Repositories = nameof(Repositories);
    public const string StateGateways = nameof(StateGateways);
    public const string NamedEvents = nameof(NamedEvents);
    public const string AppliedEvents = nameof(AppliedEvents);
    public const string Upcasters = nameof(Upcasters);
    public const string Module = nameof(Module);
    public const string HandlerTypes = nameof(HandlerTypes);
    public const string HandlerSummaries = nameof(HandlerSummaries);
    public const string Composition = nameof(Composition);
}
