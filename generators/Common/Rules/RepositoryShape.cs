using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>What a [Repository] method does, by its shape.</summary>
internal enum RepositoryMethodKind
{
    /// <summary>Returns the aggregate: loads it, or throws when there is none.</summary>
    Get,

    /// <summary>Returns the aggregate as nullable: loads it, or null.</summary>
    Find,

    /// <summary>Takes the aggregate: stores it.</summary>
    Save,
}

/// <summary>
/// Reads a [Repository] method of an interface for the generator (which implements it) and the
/// analyzers (which report a shape it cannot implement).
/// </summary>
internal static class RepositoryShape
{
    /// <summary>
    /// The method's kind and aggregate, or null with the reason it cannot be implemented. An interface
    /// is implemented whole or not at all, so a method whose siblings cannot all be implemented is
    /// refused too.
    /// </summary>
    public static (RepositoryMethodKind Kind, INamedTypeSymbol Aggregate)? Read(IMethodSymbol method, out string? problem)
    {
        var shape = ReadOne(method, out problem);
        if (shape is null)
        {
            return null;
        }

        foreach (var member in method.ContainingType.GetMembers())
        {
            if (SymbolEqualityComparer.Default.Equals(member, method) || member is IMethodSymbol { MethodKind: not MethodKind.Ordinary } || !member.IsAbstract)
            {
                continue;
            }

            if (member is not IMethodSymbol sibling || !IsRepositoryMethod(sibling) || ReadOne(sibling, out _) is null)
            {
                problem = "its interface is implemented whole or not at all, and '" + member.Name + "' is not a [Repository] method Estuary can implement; move it to another interface";
                return null;
            }
        }

        return shape;
    }

    /// <summary>Whether the method carries [Repository].</summary>
    public static bool IsRepositoryMethod(IMethodSymbol method) =>
        method.GetAttributes().Any(a => KnownAttributes.Is(a, KnownNames.RepositoryAttribute));

    private static (RepositoryMethodKind Kind, INamedTypeSymbol Aggregate)? ReadOne(IMethodSymbol method, out string? problem)
    {
        problem = null;
        if (method.ContainingType.TypeKind != TypeKind.Interface || method.IsStatic || method.IsGenericMethod || !Callability.IsCallableFromAssembly(method.ContainingType))
        {
            problem = "a [Repository] method must be a non-generic method of a public or internal interface";
            return null;
        }

        var kind = HandlerRules.ClassifyReturn(method, out var result);
        var inputs = Inputs(method);
        if (kind is ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT && result is INamedTypeSymbol aggregate && AggregateShape.IsAggregate(aggregate))
        {
            var identifiers = AggregateShape.Identifiers(aggregate);
            if (identifiers.Count == 0 || inputs.Count != identifiers.Count)
            {
                problem = "it must take one parameter per [Identifier] of " + aggregate.Name + " (" + identifiers.Count + "), in their order, and optionally a CancellationToken last";
                return null;
            }

            return (result!.NullableAnnotation == NullableAnnotation.Annotated ? RepositoryMethodKind.Find : RepositoryMethodKind.Get, aggregate);
        }

        if (kind is ReturnKind.Task or ReturnKind.ValueTask && inputs.Count == 1 && inputs[0].Type is INamedTypeSymbol saved && AggregateShape.IsAggregate(saved))
        {
            if (AggregateShape.Identifiers(saved).Count == 0)
            {
                problem = saved.Name + " has no [Identifier] member";
                return null;
            }

            if (EventSourcedShape.IsEventSourced(saved))
            {
                problem = saved.Name + " is event-sourced: its state changes only by appending events, which a saved instance does not carry; send it a command, "
                    + "or append with EventSourcedRepository<" + saved.Name + ">.AppendAsync (get and find methods work)";
                return null;
            }

            return (RepositoryMethodKind.Save, saved);
        }

        problem = "return Task<TAggregate> (get), Task<TAggregate?> (find) taking the identifiers, or Task taking the aggregate (save), where TAggregate is an [Aggregate] or [Saga]";
        return null;
    }

    /// <summary>The parameters other than a trailing CancellationToken.</summary>
    public static IReadOnlyList<IParameterSymbol> Inputs(IMethodSymbol method) =>
        method.Parameters.Where(p => p.Type.ToDisplayString() != KnownNames.CancellationToken).ToList();
}
