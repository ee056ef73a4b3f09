using Microsoft.CodeAnalysis;

namespace Estuary.Analyzers;

/// <summary>
/// The catalog of Estuary diagnostics. Each message names what is wrong and what to do; each links
/// to its page under docs/diagnostics.
/// </summary>
internal static class Descriptors
{
    private const string HelpRoot = "https://github.com/estuary-dotnet/estuary/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor DuplicateCommandHandler = Create(
        DiagnosticIds.DuplicateCommandHandler,
        Categories.Handlers,
        DiagnosticSeverity.Error,
        "Two handlers for one command",
        "Command '{0}' already has a handler, {1}: remove {2} or merge the two, a command has exactly one handler");

    public static readonly DiagnosticDescriptor DuplicateRoutingKey = Create(
        DiagnosticIds.DuplicateRoutingKey,
        Categories.Handlers,
        DiagnosticSeverity.Error,
        "Two handlers for one routing key",
        "Routing key '{0}' is already used by the {1} handler {2}: give {3} another key");

    public static readonly DiagnosticDescriptor DuplicateQueryHandler = Create(
        DiagnosticIds.DuplicateQueryHandler,
        Categories.Handlers,
        DiagnosticSeverity.Error,
        "Two handlers for one query",
        "Query '{0}' already has a handler, {1}: remove {2} or merge the two, a query has exactly one handler");

    public static readonly DiagnosticDescriptor HandlerWithoutMessage = Create(
        DiagnosticIds.HandlerWithoutMessage,
        Categories.Handlers,
        DiagnosticSeverity.Error,
        "Handler without a message",
        "{0} takes no message: add the message type as its first parameter, or give [{1}] a routing key");

    public static readonly DiagnosticDescriptor QueryWithoutResult = Create(
        DiagnosticIds.QueryWithoutResult,
        Categories.Handlers,
        DiagnosticSeverity.Error,
        "Query handler returns nothing",
        "Query handler {0} returns no result: return the answer (T, Task<T> or ValueTask<T>), or make it a [CommandHandler]");

    public static readonly DiagnosticDescriptor UnbindableParameter = Create(
        DiagnosticIds.UnbindableParameter,
        Categories.Handlers,
        DiagnosticSeverity.Error,
        "Parameter cannot be bound",
        "Parameter '{0}' of {1} cannot be bound: {2}");

    public static readonly DiagnosticDescriptor UncallableHandler = Create(
        DiagnosticIds.UncallableHandler,
        Categories.Handlers,
        DiagnosticSeverity.Error,
        "Generated code cannot call the method",
        "{0} cannot be called by generated code: {1}");

    public static readonly DiagnosticDescriptor PointcutMatchesNothing = Create(
        DiagnosticIds.PointcutMatchesNothing,
        Categories.Interceptors,
        DiagnosticSeverity.Warning,
        "Interceptor applies to nothing",
        "Interceptor {0} applies to nothing in this project: {1}; fix the pointcut or remove the interceptor");

    public static readonly DiagnosticDescriptor InvalidInterceptorSignature = Create(
        DiagnosticIds.InvalidInterceptorSignature,
        Categories.Interceptors,
        DiagnosticSeverity.Error,
        "Interceptor signature does not fit its kind",
        "Interceptor {0} does not fit its kind: {1}");

    public static readonly DiagnosticDescriptor UnserializableMessage = Create(
        DiagnosticIds.UnserializableMessage,
        Categories.Serialization,
        DiagnosticSeverity.Warning,
        "Message type cannot be serialized",
        "Message type '{0}' of {1} cannot round-trip through System.Text.Json: {2}");

    public static readonly DiagnosticDescriptor MessageNotInJsonContext = Create(
        DiagnosticIds.MessageNotInJsonContext,
        Categories.Serialization,
        DiagnosticSeverity.Info,
        "Message type not in the JSON context",
        "Message type '{0}' is not covered by any JsonSerializerContext: add [JsonSerializable(typeof({0}))] to {1}, or it is serialized by reflection");

    public static readonly DiagnosticDescriptor ModuleNotComposed = Create(
        DiagnosticIds.ModuleNotComposed,
        Categories.Modules,
        DiagnosticSeverity.Warning,
        "Module is not added to AddEstuary",
        "Module '{0}' is not added in AddEstuary(), so its handlers never run: add .AddModule<{0}>() to the lambda");

    public static readonly DiagnosticDescriptor UnhandledSend = Create(
        DiagnosticIds.UnhandledSend,
        Categories.Buses,
        DiagnosticSeverity.Warning,
        "No handler accepts the message",
        "No {0} handler accepts '{1}': add [{2}] to a method taking {1}, or reference the project that handles it");

    public static readonly DiagnosticDescriptor GatewayNotGenerated = Create(
        DiagnosticIds.GatewayNotGenerated,
        Categories.Gateways,
        DiagnosticSeverity.Warning,
        "Gateway interface gets no implementation",
        "Interface '{0}' derives from {1} but gets no generated implementation: {2}");

    public static readonly DiagnosticDescriptor HeaderOnMessageParameter = Create(
        DiagnosticIds.HeaderOnMessageParameter,
        Categories.Handlers,
        DiagnosticSeverity.Warning,
        "[Header] on the message parameter is ignored",
        "Parameter '{0}' is the message of {1}, so its [Header] is ignored: put the message first, or give [{2}] a routing key");

    public static readonly DiagnosticDescriptor BusinessMethodNotGenerated = Create(
        DiagnosticIds.BusinessMethodNotGenerated,
        Categories.Gateways,
        DiagnosticSeverity.Error,
        "Business method cannot be implemented",
        "Business method {0} cannot be implemented: {1}");

    public static readonly DiagnosticDescriptor AsynchronousQuery = Create(
        DiagnosticIds.AsynchronousQuery,
        Categories.Handlers,
        DiagnosticSeverity.Error,
        "Query handler cannot be asynchronous",
        "Query handler {0} cannot be asynchronous, its sender waits for the answer: {1}");

    public static readonly DiagnosticDescriptor DiscardedResult = Create(
        DiagnosticIds.DiscardedResult,
        Categories.Asynchronous,
        DiagnosticSeverity.Warning,
        "Asynchronous command handler returns a value",
        "Command handler {0} is asynchronous, so the '{1}' it returns is discarded and the sender gets default: return void, Task or ValueTask, or remove [Asynchronous] if the sender needs the result");

    public static readonly DiagnosticDescriptor UnreadableDeduplicationKey = Create(
        DiagnosticIds.UnreadableDeduplicationKey,
        Categories.Asynchronous,
        DiagnosticSeverity.Error,
        "[Deduplicated] reads no key",
        "[Deduplicated] on {0} reads no key: {1}");

    public static readonly DiagnosticDescriptor DuplicateEndpointId = Create(
        DiagnosticIds.DuplicateEndpointId,
        Categories.Asynchronous,
        DiagnosticSeverity.Error,
        "Two asynchronous endpoints share an endpoint id",
        "Endpoint id '{0}' of {1} is already used by the asynchronous handler {2}, and the id selects the handler of a received message: {3}");

    public static readonly DiagnosticDescriptor DeliveryOptionWithoutEffect = Create(
        DiagnosticIds.DeliveryOptionWithoutEffect,
        Categories.Asynchronous,
        DiagnosticSeverity.Warning,
        "Delivery option on a handler that is not asynchronous",
        "[{0}] on {1} has no effect: {2}");

    public static readonly DiagnosticDescriptor UndeclaredChannel = Create(
        DiagnosticIds.UndeclaredChannel,
        Categories.Asynchronous,
        DiagnosticSeverity.Warning,
        "Channel is not declared",
        "Channel '{0}' is not declared in this project, which declares {1}, so the host fails to start: declare it in AddEstuary(), e.g. estuary.AddInMemoryChannel(\"{0}\"), or name a declared channel",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor ImplicitEndpointId = Create(
        DiagnosticIds.ImplicitEndpointId,
        Categories.Asynchronous,
        DiagnosticSeverity.Info,
        "Asynchronous handler without an explicit EndpointId",
        "Asynchronous handler {0} has the default endpoint id '{1}', which changes when the class or method is renamed and orphans messages in flight: add EndpointId = \"{1}\" to [{2}]");

    public static readonly DiagnosticDescriptor InvalidSchedule = Create(
        DiagnosticIds.InvalidSchedule,
        Categories.Scheduling,
        DiagnosticSeverity.Error,
        "Scheduled method cannot be wired",
        "Schedule {0} never runs: {1}");

    public static readonly DiagnosticDescriptor AsynchronousMessageWithoutJson = Create(
        DiagnosticIds.AsynchronousMessageWithoutJson,
        Categories.Asynchronous,
        DiagnosticSeverity.Warning,
        "Message of an asynchronous handler has no JSON metadata",
        "{0} crosses channel '{1}' as JSON, but no JsonSerializerContext of this project lists it, so sending it fails at run time: {2}");

    public static readonly DiagnosticDescriptor InvalidAggregateHandler = Create(
        DiagnosticIds.InvalidAggregateHandler,
        Categories.Aggregates,
        DiagnosticSeverity.Error,
        "Aggregate handler cannot be wired",
        "{0} is not wired: {1}");

    public static readonly DiagnosticDescriptor AggregateWithoutIdentifier = Create(
        DiagnosticIds.AggregateWithoutIdentifier,
        Categories.Aggregates,
        DiagnosticSeverity.Error,
        "Aggregate or saga has no identifier",
        "{0} has no [Identifier] member, so {1}: mark the property or field that identifies an instance with [Identifier]");

    public static readonly DiagnosticDescriptor UnmappedAggregateIdentifier = Create(
        DiagnosticIds.UnmappedAggregateIdentifier,
        Categories.Aggregates,
        DiagnosticSeverity.Error,
        "Aggregate message has no identifier",
        "{0} has no member for identifier '{1}' of aggregate {2}, so {3} is not wired: add a member named '{1}' to {0}, mark the member holding it [TargetIdentifier(\"{1}\")], or put [IdentifierMapping(\"{1}\", Header = ..., Member = ... or Method = ...)] on {3}");

    public static readonly DiagnosticDescriptor UnmappedSagaIdentifier = Create(
        DiagnosticIds.UnmappedSagaIdentifier,
        Categories.Aggregates,
        DiagnosticSeverity.Error,
        "Saga message with no mapping",
        "{0} has no mapping to identifier '{1}' of saga {2}, so {3} is not wired: map it on {3}, with [IdentifierMapping(\"{1}\", Header = \"correlation-id\")] for a correlation header the saga's messages carry, Member = \"Path.To.Id\" or Method = nameof(...), or give {0} a member named '{1}' or marked [TargetIdentifier(\"{1}\")]");

    public static readonly DiagnosticDescriptor UnmergeableAggregateHandlers = Create(
        DiagnosticIds.UnmergeableAggregateHandlers,
        Categories.Aggregates,
        DiagnosticSeverity.Error,
        "Aggregate handlers for one message cannot be merged",
        "{0} and {1} both handle {2} on {3} and cannot be merged into one load-or-create endpoint: {4}");

    public static readonly DiagnosticDescriptor UnstableIdentifier = Create(
        DiagnosticIds.UnstableIdentifier,
        Categories.Aggregates,
        DiagnosticSeverity.Error,
        "Identifier has no stable text form",
        "Identifier {0}.{1} of type {2} has no stable text form, so instances cannot be stored under keys of their own: {3}");

    public static readonly DiagnosticDescriptor InaccessibleAggregateMember = Create(
        DiagnosticIds.InaccessibleAggregateMember,
        Categories.Aggregates,
        DiagnosticSeverity.Error,
        "Aggregate member is not accessible",
        "The [{0}] member {1}.{2} is {3}, so generated code cannot read it: make {4} public or internal");

    public static readonly DiagnosticDescriptor InvalidIdentifierMapping = Create(
        DiagnosticIds.InvalidIdentifierMapping,
        Categories.Aggregates,
        DiagnosticSeverity.Error,
        "[IdentifierMapping] cannot be resolved",
        "[IdentifierMapping(\"{0}\")] on {1} cannot be resolved, so {1} is not wired: {2}");

    public static readonly DiagnosticDescriptor RepositoryMethodNotGenerated = Create(
        DiagnosticIds.RepositoryMethodNotGenerated,
        Categories.Aggregates,
        DiagnosticSeverity.Error,
        "Repository method cannot be implemented",
        "Repository method {0} cannot be implemented: {1}");

    public static readonly DiagnosticDescriptor InvalidEventSourcedAggregate = Create(
        DiagnosticIds.InvalidEventSourcedAggregate,
        Categories.EventSourcing,
        DiagnosticSeverity.Error,
        "Event-sourced aggregate cannot be wired",
        "{0} is not wired: {1}");

    public static readonly DiagnosticDescriptor EventWithoutApplyMethod = Create(
        DiagnosticIds.EventWithoutApplyMethod,
        Categories.EventSourcing,
        DiagnosticSeverity.Info,
        "Event has no apply method",
        "{0} produces {1}, which no [EventSourcingHandler] of {2} applies, so the event is stored but changes nothing when {2} is loaded: add [EventSourcingHandler] void On({1} e) to {2}, or leave it if the event carries no state");

    public static readonly DiagnosticDescriptor UnnamedEvent = Create(
        DiagnosticIds.UnnamedEvent,
        Categories.EventSourcing,
        DiagnosticSeverity.Warning,
        "Event type has no stable name",
        "Event {0}, applied by {1}, has no [NamedEvent], so it is stored under its type name '{2}' and stored events become unreadable when the class is renamed or moved: add [NamedEvent(\"{2}\")] to {0} to keep the name it is stored under, or a shorter one before any is stored");

    public static readonly DiagnosticDescriptor InvalidUpcaster = Create(
        DiagnosticIds.InvalidUpcaster,
        Categories.EventSourcing,
        DiagnosticSeverity.Error,
        "Upcaster cannot be used",
        "Upcaster {0} is never called: {1}");

    public static readonly DiagnosticDescriptor IgnoredIdentifierMapping = Create(
        DiagnosticIds.IgnoredIdentifierMapping,
        Categories.Aggregates,
        DiagnosticSeverity.Warning,
        "[IdentifierMapping] on a static handler is never read",
        "[IdentifierMapping(\"{0}\")] on {1} is never read: {2}");

    private static DiagnosticDescriptor Create(string id, string category, DiagnosticSeverity severity, string title, string message, params string[] tags) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description: null, helpLinkUri: HelpRoot + id + ".md", customTags: tags);

    public static readonly DiagnosticDescriptor ProjectionStreamNotEventSourced = Create(
        DiagnosticIds.ProjectionStreamNotEventSourced,
        Categories.Projections,
        DiagnosticSeverity.Error,
        "Projection reads the streams of a type that is not event-sourced",
        "Projection {0} reads the streams of {1}, which is not an [EventSourcingAggregate] or [EventSourcingSaga], so no stream is named after it: mark {1} event-sourced, or name the streams with [FromStream(\"...\")]");

    public static readonly DiagnosticDescriptor ProjectionWithoutHandlers = Create(
        DiagnosticIds.ProjectionWithoutHandlers,
        Categories.Projections,
        DiagnosticSeverity.Warning,
        "Projection without event handlers",
        "Projection {0} has no [EventHandler] method, so it reads its streams and changes nothing: add a handler for each event its read model needs");

    public static readonly DiagnosticDescriptor ProjectionEventNotInStreams = Create(
        DiagnosticIds.ProjectionEventNotInStreams,
        Categories.Projections,
        DiagnosticSeverity.Warning,
        "Projection handles an event its streams never hold",
        "Projection {0} handles {1}, but no aggregate it reads ({2}) applies a {1}, so its streams never hold one: read the streams that do, or remove the handler");

    public static readonly DiagnosticDescriptor ProjectionBothSynchronousAndAsynchronous = Create(
        DiagnosticIds.ProjectionBothSynchronousAndAsynchronous,
        Categories.Projections,
        DiagnosticSeverity.Error,
        "Projection is both synchronous and asynchronous",
        "Projection {0} is Synchronous and [Asynchronous(\"{1}\")]: it runs either in the appending unit of work or on its channel's consumers; remove one");

    public static readonly DiagnosticDescriptor ProjectionStateOutsideProjectionHandler = Create(
        DiagnosticIds.ProjectionStateOutsideProjectionHandler,
        Categories.Projections,
        DiagnosticSeverity.Error,
        "[ProjectionState] outside a projection's event handler",
        "Parameter {0} of {1} is [ProjectionState], but {1} is not an [EventHandler] of a [Projection] class: only a projection keeps a state; move the handler into one or remove the attribute");

    public static readonly DiagnosticDescriptor StoredEventHandlerOutsideProjection = Create(
        DiagnosticIds.StoredEventHandlerOutsideProjection,
        Categories.Projections,
        DiagnosticSeverity.Warning,
        "Handler of stored events outside a projection",
        "{0} takes a RecordedEvent, which only projections hand to their handlers: the event bus never publishes one, so it never runs; move it into a [Projection] class");

    public static readonly DiagnosticDescriptor DeliveryAttributeOnProjectionHandler = Create(
        DiagnosticIds.DeliveryAttributeOnProjectionHandler,
        Categories.Projections,
        DiagnosticSeverity.Warning,
        "Delivery attribute on a projection's event handler is ignored",
        "[{0}] on {1} is ignored: a projection's handlers run inside its batches, not as deliveries of a channel; to run the projection through a channel, put [Asynchronous] (and [Retry]) on the class");

    public static readonly DiagnosticDescriptor ProjectionVersionNotSupported = Create(
        DiagnosticIds.ProjectionVersionNotSupported,
        Categories.Projections,
        DiagnosticSeverity.Error,
        "Projection version cannot run",
        "Projection {0} has Version = {1}: {2}");

    public static readonly DiagnosticDescriptor ProjectionStreamNeverAppended = Create(
        DiagnosticIds.ProjectionStreamNeverAppended,
        Categories.Projections,
        DiagnosticSeverity.Warning,
        "Projection reads streams nothing in the build appends to",
        "Projection {0} reads the streams '{1}-{{id}}', but no event-sourced aggregate or saga has that stream prefix and no append in this compilation names such a stream; the prefixes there are: {2}",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor ProjectionStateGatewayShape = Create(
        DiagnosticIds.ProjectionStateGatewayShape,
        Categories.Projections,
        DiagnosticSeverity.Error,
        "Projection state gateway method cannot be implemented",
        "[ProjectionStateGateway] method {0} cannot be implemented: {1}");

    public static readonly DiagnosticDescriptor DistributedOnNonHandler = Create(
        DiagnosticIds.DistributedOnNonHandler,
        Categories.Distributed,
        DiagnosticSeverity.Error,
        "[Distributed] on a method that is not a command or event handler",
        "[Distributed] on {0} has no effect: only [CommandHandler] and [EventHandler] methods outside projections can be called from other services");

    public static readonly DiagnosticDescriptor DistributedCommandWithoutRoutingKey = Create(
        DiagnosticIds.DistributedCommandWithoutRoutingKey,
        Categories.Distributed,
        DiagnosticSeverity.Error,
        "Distributed command handler without a routing key",
        "Distributed command handler {0} has no routing key: other services send commands by routing key; give it one, e.g. [CommandHandler(\"{1}\")]");

    public static readonly DiagnosticDescriptor MessageConsumerNotWired = Create(
        DiagnosticIds.MessageConsumerNotWired,
        Categories.Asynchronous,
        DiagnosticSeverity.Error,
        "[MessageConsumer] method cannot be wired",
        "[MessageConsumer] {0} is not wired: {1}");

    public static readonly DiagnosticDescriptor TwoMessageConsumersOnOneChannel = Create(
        DiagnosticIds.TwoMessageConsumersOnOneChannel,
        Categories.Asynchronous,
        DiagnosticSeverity.Error,
        "Two message consumers on one channel",
        "Channel '{0}' has two message consumers, {1} and {2}: the messages that name no endpoint go to one; give one of them another channel",
        WellKnownDiagnosticTags.CompilationEnd);

    private static class Categories
    {
        public const string Distributed = "Estuary.Distributed";
        public const string Projections = "Estuary.Projections";
        public const string Handlers = "Estuary.Handlers";
        public const string Interceptors = "Estuary.Interceptors";
        public const string Serialization = "Estuary.Serialization";
        public const string Modules = "Estuary.Modules";
        public const string Buses = "Estuary.Buses";
        public const string Gateways = "Estuary.Gateways";
        public const string Asynchronous = "Estuary.Asynchronous";
        public const string Scheduling = "Estuary.Scheduling";
        public const string Aggregates = "Estuary.Aggregates";
        public const string EventSourcing = "Estuary.EventSourcing";
    }
}
