namespace Estuary.SourceGeneration;

/// <summary>An interface of [ProjectionStateGateway] methods; it gets a generated implementation.</summary>
internal sealed record StateGatewayModel(TypeRef Interface, string Namespace, EquatableArray<StateGatewayMethodModel> Methods);

/// <summary>One [ProjectionStateGateway] method: the projection, the state type, and how it names a partition.</summary>
/// <param name="Declared">The method as declared on the interface.</param>
/// <param name="Projection">The projection's name.</param>
/// <param name="StateType">The state type, <c>global::</c>-qualified, not nullable.</param>
/// <param name="IdParameter">The identifier parameter (escaped), or null for the projection's own state.</param>
/// <param name="TokenParameter">The CancellationToken parameter (escaped), or null.</param>
/// <param name="StreamPrefix">The stream prefix of the [FromAggregateStream] aggregate, or null.</param>
internal sealed record StateGatewayMethodModel(
    DeclaredMethodModel Declared, string Projection, string StateType, string? IdParameter, string? TokenParameter, string? StreamPrefix);
