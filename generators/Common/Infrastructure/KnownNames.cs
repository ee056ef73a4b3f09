namespace Estuary.SourceGeneration;

/// <summary>Metadata names of the Estuary types the generator and analyzers look for.</summary>
internal static class KnownNames
{
    /// <summary>The stored event a projection's raw handler takes: the runtime's type, never a message of the module.</summary>
    public const string RecordedEvent = "Estuary.RecordedEvent";

    public const string CommandHandlerAttribute = "Estuary.CommandHandlerAttribute";
    public const string QueryHandlerAttribute = "Estuary.QueryHandlerAttribute";
    public const string EventHandlerAttribute = "Estuary.EventHandlerAttribute";
    public const string HeaderAttribute = "Estuary.HeaderAttribute";
    public const string MessageNameAttribute = "Estuary.MessageNameAttribute";
    public const string BeforeAttribute = "Estuary.BeforeAttribute";
    public const string AroundAttribute = "Estuary.AroundAttribute";
    public const string AfterAttribute = "Estuary.AfterAttribute";
    public const string BusinessMethodAttribute = "Estuary.BusinessMethodAttribute";
    public const string AsynchronousAttribute = "Estuary.AsynchronousAttribute";
    public const string DelayedAttribute = "Estuary.DelayedAttribute";
    public const string TimeToLiveAttribute = "Estuary.TimeToLiveAttribute";
    public const string RetryAttribute = "Estuary.RetryAttribute";
    public const string DeduplicatedAttribute = "Estuary.DeduplicatedAttribute";
    public const string ScheduledAttribute = "Estuary.ScheduledAttribute";
    public const string DistributedAttribute = "Estuary.DistributedAttribute";
    public const string MessageConsumerAttribute = "Estuary.MessageConsumerAttribute";
    public const string AggregateAttribute = "Estuary.AggregateAttribute";
    public const string AggregateEventsAttribute = "Estuary.AggregateEventsAttribute";
    public const string IdentifierAttribute = "Estuary.IdentifierAttribute";
    public const string TargetIdentifierAttribute = "Estuary.TargetIdentifierAttribute";
    public const string IdentifierMappingAttribute = "Estuary.IdentifierMappingAttribute";
    public const string AggregateVersionAttribute = "Estuary.AggregateVersionAttribute";
    public const string ConcurrencyRetryAttribute = "Estuary.ConcurrencyRetryAttribute";
    public const string SagaAttribute = "Estuary.SagaAttribute";
    public const string RepositoryAttribute = "Estuary.RepositoryAttribute";
    public const string EventSourcingAggregateAttribute = "Estuary.EventSourcingAggregateAttribute";
    public const string EventSourcingSagaAttribute = "Estuary.EventSourcingSagaAttribute";
    public const string EventSourcingHandlerAttribute = "Estuary.EventSourcingHandlerAttribute";
    public const string NamedEventAttribute = "Estuary.NamedEventAttribute";
    public const string RevisionAttribute = "Estuary.RevisionAttribute";
    public const string AggregateTypeAttribute = "Estuary.AggregateTypeAttribute";
    public const string StreamAttribute = "Estuary.StreamAttribute";
    public const string UpcasterAttribute = "Estuary.UpcasterAttribute";
    public const string SensitiveAttribute = "Estuary.SensitiveAttribute";
    public const string SagaCompletedAttribute = "Estuary.SagaCompletedAttribute";
    public const string ProjectionAttribute = "Estuary.ProjectionAttribute";
    public const string FromAggregateStreamAttribute = "Estuary.FromAggregateStreamAttribute";
    public const string FromStreamAttribute = "Estuary.FromStreamAttribute";
    public const string ProjectionInitializationAttribute = "Estuary.ProjectionInitializationAttribute";
    public const string ProjectionResetAttribute = "Estuary.ProjectionResetAttribute";

    public const string ProjectionPartitionResetAttribute = "Estuary.ProjectionPartitionResetAttribute";
    public const string ProjectionDeleteAttribute = "Estuary.ProjectionDeleteAttribute";
    public const string ProjectionFlushAttribute = "Estuary.ProjectionFlushAttribute";
    public const string ProjectionStateAttribute = "Estuary.ProjectionStateAttribute";
    public const string ProjectionStateGatewayAttribute = "Estuary.ProjectionStateGatewayAttribute";
    public const string EstuaryModuleAttribute = "Estuary.EstuaryModuleAttribute";
    public const string GeneratedModuleAttribute = "Estuary.Runtime.GeneratedModuleAttribute";
    public const string MessageContext = "Estuary.MessageContext";
    public const string MessageHeaders = "Estuary.MessageHeaders";
    public const string Invocation = "Estuary.IInvocation";
    public const string CommandBus = "Estuary.ICommandBus";
    public const string QueryBus = "Estuary.IQueryBus";
    public const string EventBus = "Estuary.IEventBus";
    public const string EstuaryModule = "Estuary.EstuaryModule";
    public const string JsonSerializableAttribute = "System.Text.Json.Serialization.JsonSerializableAttribute";
    public const string JsonSerializerContext = "System.Text.Json.Serialization.JsonSerializerContext";
    public const string CancellationToken = "System.Threading.CancellationToken";
    public const string Task = "System.Threading.Tasks.Task";
    public const string TaskOfT = "System.Threading.Tasks.Task`1";
    public const string ValueTask = "System.Threading.Tasks.ValueTask";
    public const string ValueTaskOfT = "System.Threading.Tasks.ValueTask`1";
    public const string IParsable = "System.IParsable`1";
}
