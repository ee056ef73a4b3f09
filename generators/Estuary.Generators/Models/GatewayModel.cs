namespace Estuary.SourceGeneration;

/// <summary>A user interface deriving from a bus interface; it gets a generated implementation.</summary>
/// <param name="Channel">Set when the interface carries [Asynchronous]: every send through it goes to this channel.</param>
internal sealed record GatewayModel(TypeRef Interface, string Namespace, EquatableArray<string> Buses, string? Channel = null);

/// <summary>An interface whose methods carry [BusinessMethod].</summary>
internal sealed record BusinessInterfaceModel(TypeRef Interface, string Namespace, EquatableArray<BusinessMethodModel> Methods);

/// <summary>One business method: where it routes, what it passes and what it returns.</summary>
internal sealed record BusinessMethodModel(
    string Name,
    string RoutingKey,
    string? PayloadParameter,
    string? PayloadType,
    EquatableArray<ParameterModel> Parameters,
    ReturnKind Return,
    string? ResultType,
    string ReturnTypeName,
    string ParameterList);

/// <summary>A JsonSerializerContext declared in the compilation and the types it covers.</summary>
internal sealed record JsonContextModel(string TypeName, EquatableArray<string> Types);

/// <summary>Facts about the compilation the module is generated for.</summary>
internal sealed record ModuleInfo(string AssemblyName, string Namespace, string ClassName);
