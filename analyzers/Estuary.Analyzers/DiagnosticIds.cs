namespace Estuary.Analyzers;

/// <summary>
/// Every diagnostic ID Estuary reports. IDs are never reused or renumbered: docs pages, release
/// tracking and users' suppressions refer to them.
/// </summary>
internal static class DiagnosticIds
{
    public const string DuplicateCommandHandler = "EST0001";
    public const string DuplicateRoutingKey = "EST0002";
    public const string DuplicateQueryHandler = "EST0003";
    public const string HandlerWithoutMessage = "EST0004";
    public const string QueryWithoutResult = "EST0005";
    public const string UnbindableParameter = "EST0006";
    public const string UncallableHandler = "EST0007";
    public const string PointcutMatchesNothing = "EST0008";
    public const string InvalidInterceptorSignature = "EST0009";
    public const string UnserializableMessage = "EST0010";
    public const string MessageNotInJsonContext = "EST0011";
    public const string ModuleNotComposed = "EST0012";
    public const string UnhandledSend = "EST0013";
    public const string GatewayNotGenerated = "EST0014";
    public const string HeaderOnMessageParameter = "EST0015";
    public const string BusinessMethodNotGenerated = "EST0016";
    public const string AsynchronousQuery = "EST0017";
    public const string DiscardedResult = "EST0018";
    public const string UnreadableDeduplicationKey = "EST0019";
    public const string DuplicateEndpointId = "EST0020";
    public const string DeliveryOptionWithoutEffect = "EST0021";
    public const string UndeclaredChannel = "EST0022";
    public const string ImplicitEndpointId = "EST0023";
    public const string InvalidSchedule = "EST0024";
    public const string AsynchronousMessageWithoutJson = "EST0025";
    public const string InvalidAggregateHandler = "EST0026";
    public const string AggregateWithoutIdentifier = "EST0027";
    public const string UnmappedAggregateIdentifier = "EST0028";
    public const string UnmappedSagaIdentifier = "EST0029";
    public const string UnmergeableAggregateHandlers = "EST0030";
    public const string UnstableIdentifier = "EST0031";
    public const string InaccessibleAggregateMember = "EST0032";
    public const string InvalidIdentifierMapping = "EST0033";
    public const string RepositoryMethodNotGenerated = "EST0034";
    public const string InvalidEventSourcedAggregate = "EST0035";
    public const string EventWithoutApplyMethod = "EST0036";
    public const string UnnamedEvent = "EST0037";
    public const string InvalidUpcaster = "EST0038";
    public const string IgnoredIdentifierMapping = "EST0039";
    public const string ProjectionStreamNotEventSourced = "EST0040";
    public const string ProjectionWithoutHandlers = "EST0041";
    public const string ProjectionEventNotInStreams = "EST0042";
    public const string ProjectionBothSynchronousAndAsynchronous = "EST0043";
    public const string ProjectionStateOutsideProjectionHandler = "EST0044";
    public const string StoredEventHandlerOutsideProjection = "EST0045";
    public const string DeliveryAttributeOnProjectionHandler = "EST0046";
    public const string ProjectionVersionNotSupported = "EST0047";
    public const string ProjectionStreamNeverAppended = "EST0048";
    public const string ProjectionStateGatewayShape = "EST0049";
    public const string DistributedOnNonHandler = "EST0050";
    public const string DistributedCommandWithoutRoutingKey = "EST0051";
    public const string MessageConsumerNotWired = "EST0052";
    public const string TwoMessageConsumersOnOneChannel = "EST0053";
}
