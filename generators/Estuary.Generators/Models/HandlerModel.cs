namespace Estuary.SourceGeneration;

/// <summary>One handler method, as the emitters need it. Only strings, enums, bools and arrays.</summary>
internal sealed record HandlerModel
{
    /// <summary>What the method handles.</summary>
    public required HandlerKind Kind { get; init; }

    /// <summary>The class declaring the method.</summary>
    public required TypeRef DeclaringType { get; init; }

    /// <summary>The declaring class's namespace (empty for the global namespace).</summary>
    public required string Namespace { get; init; }

    /// <summary>Whether the method is static: called without resolving its class.</summary>
    public required bool IsStatic { get; init; }

    /// <summary>The method's name as declared.</summary>
    public required string MethodName { get; init; }

    /// <summary>The routing key of a command or query handler, or the listen-to pattern of an event handler.</summary>
    public required string? RoutingKey { get; init; }

    /// <summary>The endpoint id given in the attribute; null for the default (type and method).</summary>
    public required string? EndpointId { get; init; }

    /// <summary>Event handler priority: higher runs first.</summary>
    public required int Priority { get; init; }

    /// <summary>The message parameter; null for a handler reached by routing key only.</summary>
    public required MessageRef? Message { get; init; }

    /// <summary>The parameters after the message, each with its binding.</summary>
    public required EquatableArray<ParameterModel> Parameters { get; init; }

    /// <summary>What the method returns: nothing, a value, a task or value task of either.</summary>
    public required ReturnKind Return { get; init; }

    /// <summary>What the endpoint answers (for an aggregate handler that creates an instance, its identifier); null for nothing.</summary>
    public required string? ResultType { get; init; }

    /// <summary>User attributes on the method and its class, for attribute pointcuts and interceptors that receive them.</summary>
    public required EquatableArray<AttributeModel> Attributes { get; init; }

    /// <summary>The declaring class, its base classes and interfaces, for type pointcuts.</summary>
    public required EquatableArray<string> DeclaringTypeHierarchy { get; init; }

    /// <summary>The class's single public constructor, to register it without reflection; null when static, an aggregate or ambiguous.</summary>
    public required ConstructorModel? Constructor { get; init; }

    /// <summary>Whether the message and result are public, so typed overloads can be.</summary>
    public required bool PublicSignature { get; init; }

    /// <summary>The method's position among its class's members: equal-priority event handlers run in this order.</summary>
    public required int DeclarationIndex { get; init; }

    /// <summary>Set for an [Asynchronous] endpoint.</summary>
    public required AsynchronousModel? Asynchronous { get; init; }

    /// <summary>Set for a [Scheduled] method.</summary>
    public ScheduleModel? Schedule { get; init; }

    /// <summary>Whether other services may call the handler through the distributed bus ([Distributed]).</summary>
    public bool Distributed { get; init; }

    /// <summary>Whether the method is a [MessageConsumer]: its channel's default endpoint, which no bus routes to.</summary>
    public bool MessageConsumer { get; init; }

    /// <summary>Set for a handler declared on an [Aggregate], [Saga] or event-sourced aggregate.</summary>
    public AggregateModel? Aggregate { get; init; }

    /// <summary>Set for an event handler of a [Projection] class: the projection runs it, the event bus does not.</summary>
    public ProjectionModel? Projection { get; init; }

    /// <summary>
    /// Load-or-create: the static factory of the same aggregate for the same message, called when the
    /// instance this action targets does not exist yet.
    /// </summary>
    public HandlerModel? CreateWith { get; init; }

    /// <summary>Readable name used in diagnostics and errors: <c>OrderHandler.Place</c>.</summary>
    public string DisplayName => DeclaringType.Name + "." + MethodName;

    /// <summary>Whether calling the method itself must be awaited.</summary>
    public bool IsAsync => HandlerRules.IsAsync(Return);

    /// <summary>Whether the endpoint awaits anything: the method, or an aggregate's repository.</summary>
    public bool NeedsAsyncEndpoint => IsAsync || Aggregate is not null;
}
