using System.Linq;

namespace Estuary.SourceGeneration;

/// <summary>
/// The handlers of one class: the unit the generator writes an endpoints file for. Its file depends
/// on this model, the interceptors and the module only, so editing one class rewrites one file.
/// </summary>
internal sealed record HandlerTypeModel
{
    public required TypeRef Type { get; init; }

    public required string Namespace { get; init; }

    /// <summary>The class's handlers in declaration order, load-or-create pairs merged into one.</summary>
    public required EquatableArray<HandlerModel> Handlers { get; init; }

    /// <summary>The nested class holding the endpoints, and each handler's endpoint field, in <see cref="Handlers"/> order.</summary>
    public required EndpointNames Names { get; init; }

    /// <summary>The projection the class declares, when its event handlers feed one.</summary>
    public ProjectionModel? Projection => Handlers.Select(h => h.Projection).FirstOrDefault(p => p is not null);
}
