using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>Reads [ProjectionStateGateway] methods; one that ProjectionStateGatewayShape rejects yields null (EST0049 says why).</summary>
internal static class StateGatewayParser
{
    public static (TypeRef Interface, string Namespace, StateGatewayMethodModel Method)? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || ProjectionStateGatewayShape.Read(method, out _) is not { } shape)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var type = method.ContainingType;
        if (type.GetMembers().OfType<IMethodSymbol>().Any(m => m.IsAbstract && m.MethodKind == MethodKind.Ordinary && ProjectionStateGatewayShape.Read(m, out _) is null))
        {
            // A class implementing only some methods would not compile: the interface gets none.
            return null;
        }

        var model = new StateGatewayMethodModel(
            SymbolNames.Declared(method),
            shape.Projection,
            SymbolNames.FullNonNullable(shape.State),
            shape.Id is null ? null : CSharpNames.Escape(shape.Id.Name),
            shape.Token is null ? null : CSharpNames.Escape(shape.Token.Name),
            shape.StreamPrefix);
        return (SymbolNames.Ref(type), SymbolNames.Namespace(type), model);
    }

    /// <summary>The methods by interface, for one implementation each.</summary>
    public static ImmutableArray<StateGatewayModel> Group(ImmutableArray<(TypeRef Interface, string Namespace, StateGatewayMethodModel Method)> methods) =>
        InterfaceMethods.Group(methods, static (type, ns, all) => new StateGatewayModel(type, ns, all));
}
