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

/// <summary>A type by its global-qualified name (<c>global::Shop.@event</c>), its short name (<c>event</c>) and its plain name (<c>Shop.event</c>).</summary>
internal sealed record TypeRef(string FullName, string Name, string PlainName);

/// <summary>The message parameter of a handler and the facts the registry needs about its type.</summary>
internal sealed record MessageRef(
    string ParameterName,
    string TypeName,
    string ShortName,
    string MessageName,
    bool IsValueType,
    bool IsAbstract,
    EquatableArray<string> AssignableTo)
{
    /// <summary>The schema revision ([Revision]; 1 by default) stored with the message as an event.</summary>
    public int Revision { get; init; } = 1;

    /// <summary>The members marked [Sensitive], stored encrypted when the message is an event.</summary>
    public EquatableArray<string> SensitiveMembers { get; init; } = EquatableArray<string>.Empty;
}

/// <summary>A parameter after the message.</summary>
internal sealed record ParameterModel(
    string Name,
    string TypeName,
    ParameterBinding Binding,
    string? HeaderName,
    HeaderConversion Conversion,
    string HeaderValueType,
    bool Optional,
    bool ValueTypeHeader);

/// <summary>An attribute on a handler method or its class, rebuilt in generated code as a C# expression.</summary>
internal sealed record AttributeModel(string TypeName, EquatableArray<string> TypeHierarchy, string CreationExpression, bool OnMethod);

/// <summary>The single public constructor of a handler class, used to register it without reflection.</summary>
internal sealed record ConstructorModel(EquatableArray<string> ParameterTypes);
