namespace Estuary.SourceGeneration;

/// <summary>One handler method, as the emitters need it. Only strings, enums, bools and arrays.</summary>
internal sealed record HandlerModel(
    HandlerKind Kind,
    TypeRef DeclaringType,
    string Namespace,
    bool IsStatic,
    string MethodName,
    string? RoutingKey,
    string? EndpointId,
    int Priority,
    MessageRef? Message,
    EquatableArray<ParameterModel> Parameters,
    ReturnKind Return,
    string? ResultType,
    EquatableArray<AttributeModel> Attributes,
    EquatableArray<string> DeclaringTypeHierarchy,
    ConstructorModel? Constructor,
    bool PublicSignature,
    int DeclarationIndex,
    AsynchronousModel? Asynchronous,
    ScheduleModel? Schedule = null,
    AggregateModel? Aggregate = null)
{
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
