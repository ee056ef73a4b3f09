using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>Reads [Repository] methods into models; a method RepositoryShape rejects yields null (the analyzers report it).</summary>
internal static class RepositoryParser
{
    public static (TypeRef Interface, string Namespace, RepositoryMethodModel Method)? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || RepositoryShape.Read(method, out _) is not { } shape)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var (kind, aggregate) = shape;
        var inputs = RepositoryShape.Inputs(method);
        var identifiers = AggregateShape.Identifiers(aggregate);
        var aggregateParameter = kind == RepositoryMethodKind.Save ? CSharpNames.Escape(inputs[0].Name) : null;
        var mapped = identifiers.Select((identifier, i) => new IdentifierModel(
            identifier.Name,
            SymbolNames.Full(AggregateShape.TypeOf(identifier)),
            kind == RepositoryMethodKind.Save ? aggregateParameter + "." + identifier.Name : CSharpNames.Escape(inputs[i].Name)));
        var token = method.Parameters.FirstOrDefault(p => p.Type.ToDisplayString() == KnownNames.CancellationToken);
        var type = method.ContainingType;
        var model = new RepositoryMethodModel(
            method.Name,
            kind,
            SymbolNames.FullNonNullable(aggregate),
            AggregateShape.Name(aggregate),
            mapped.ToEquatableArray(),
            AggregateShape.VersionMember(aggregate, []),
            aggregateParameter,
            token is null ? null : CSharpNames.Escape(token.Name),
            HandlerRules.ClassifyReturn(method, out _) is ReturnKind.ValueTask or ReturnKind.ValueTaskOfT,
            SymbolNames.Declared(method))
        {
            EventSourced = EventSourcedShape.IsEventSourced(aggregate) ? EventSourcedShape.Read(aggregate, []) : null,
        };
        if (EventSourcedShape.IsEventSourced(aggregate) && model.EventSourced is null)
        {
            // The class cannot be replayed (EST0035 says why): no implementation rather than one that cannot load.
            return null;
        }

        return (SymbolNames.Ref(type), SymbolNames.Namespace(type), model);
    }

    public static ImmutableArray<RepositoryInterfaceModel> Group(ImmutableArray<(TypeRef Interface, string Namespace, RepositoryMethodModel Method)> methods) =>
        InterfaceMethods.Group(methods, static (type, ns, all) => new RepositoryInterfaceModel(type, ns, all));
}
