using System.Linq;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>
/// What a [ProjectionStateGateway] method may look like, shared by the generator (which implements the
/// methods of an interface whose every method is valid) and the analyzer (which reports the others):
/// on an interface of such methods only, returning Task or ValueTask of a class (the state), taking at
/// most the aggregate's identifier and a CancellationToken, with [FromAggregateStream] naming an
/// event-sourced type and only beside an identifier.
/// </summary>
internal static class ProjectionStateGatewayShape
{
    /// <summary>A valid method's parts.</summary>
    /// <param name="Projection">The projection's name.</param>
    /// <param name="State">The state type.</param>
    /// <param name="Id">The identifier parameter (a partition's aggregate), or null for the projection's own state.</param>
    /// <param name="Token">The CancellationToken parameter, or null.</param>
    /// <param name="StreamPrefix">The [FromAggregateStream] aggregate's stream prefix, or null.</param>
    public sealed record Shape(string Projection, ITypeSymbol State, IParameterSymbol? Id, IParameterSymbol? Token, string? StreamPrefix);

    /// <summary>The method's shape, or null with <paramref name="problem"/> saying what is wrong (null too when it has no attribute).</summary>
    public static Shape? Read(IMethodSymbol method, out string? problem)
    {
        problem = null;
        if (KnownAttributes.Find(method, KnownNames.ProjectionStateGatewayAttribute) is not { } attribute)
        {
            return null;
        }

        if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string { Length: > 0 } projection)
        {
            problem = "it names no projection";
            return null;
        }

        if (method.ContainingType is not { TypeKind: TypeKind.Interface } type)
        {
            problem = "it is not declared on an interface";
            return null;
        }

        if (type.GetMembers().OfType<IMethodSymbol>().FirstOrDefault(m => m.IsAbstract && m.MethodKind == MethodKind.Ordinary && !KnownAttributes.Has(m, KnownNames.ProjectionStateGatewayAttribute)) is { } other)
        {
            problem = $"its interface {type.Name} also declares {other.Name}, which reads no projection state; Estuary implements interfaces whose every method does";
            return null;
        }

        var kind = HandlerRules.ClassifyReturn(method, out var state);
        if (kind is not (ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT) || state is not { IsReferenceType: true } || state.TypeKind == TypeKind.TypeParameter)
        {
            problem = "it must return Task<TState?> or ValueTask<TState?> of the state's class";
            return null;
        }

        var token = method.Parameters.FirstOrDefault(p => p.Type.ToDisplayString() == KnownNames.CancellationToken);
        var inputs = method.Parameters.Where(p => !SymbolEqualityComparer.Default.Equals(p, token)).ToList();
        if (inputs.Count > 1 || method.Parameters.Count(p => p.Type.ToDisplayString() == KnownNames.CancellationToken) > 1)
        {
            problem = "it takes at most the aggregate's identifier and a CancellationToken";
            return null;
        }

        string? prefix = null;
        if (KnownAttributes.Find(method, KnownNames.FromAggregateStreamAttribute) is { } from)
        {
            if (from.ConstructorArguments.Length != 1 || from.ConstructorArguments[0].Value is not ITypeSymbol aggregate || !EventSourcedShape.IsEventSourced(aggregate))
            {
                problem = "its [FromAggregateStream] does not name an event-sourced aggregate or saga";
                return null;
            }

            if (inputs.Count == 0)
            {
                problem = "it has [FromAggregateStream] but no identifier parameter: a projection's own state belongs to no aggregate";
                return null;
            }

            prefix = EventSourcedShape.StreamPrefix(aggregate);
        }

        return new Shape(projection, state, inputs.FirstOrDefault(), token, prefix);
    }
}
