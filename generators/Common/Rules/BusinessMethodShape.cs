using System.Linq;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>Why the generator cannot implement a [BusinessMethod].</summary>
internal enum BusinessMethodProblemKind
{
    /// <summary>Declared in a class or struct: Estuary implements interfaces.</summary>
    NotInInterface,

    /// <summary>The interface is generic.</summary>
    GenericInterface,

    /// <summary>Generated code cannot name the interface; <see cref="BusinessMethodProblem.Access"/> says why.</summary>
    InaccessibleInterface,

    /// <summary>Not an ordinary method (an accessor, an explicit implementation...).</summary>
    NotOrdinary,

    /// <summary>The method has type parameters.</summary>
    GenericMethod,

    /// <summary>[BusinessMethod] without a routing key: there is nothing to send to.</summary>
    NoRoutingKey,

    /// <summary>A parameter that is neither the payload, a header, the headers nor the token (<see cref="BusinessMethodProblem.Symbol"/>).</summary>
    ExtraParameter,

    /// <summary>Another member of the interface cannot be implemented (<see cref="BusinessMethodProblem.Symbol"/>), so none is.</summary>
    IncompleteInterface,
}

/// <summary>One reason a business method is not implemented, with the symbol it is about.</summary>
internal sealed record BusinessMethodProblem(BusinessMethodProblemKind Kind, ISymbol Symbol, CallProblem? Access = null);

/// <summary>
/// Whether the generator implements a [BusinessMethod] as a routed send. Besides the payload, a
/// business method can only take what becomes part of the send: headers and a cancellation token.
/// </summary>
internal static class BusinessMethodShape
{
    /// <summary>The routing key given to [BusinessMethod], or null when the method has none.</summary>
    public static string? RoutingKey(IMethodSymbol method) =>
        method.GetAttributes().FirstOrDefault(a => KnownAttributes.Is(a, KnownNames.BusinessMethodAttribute))
            ?.ConstructorArguments.FirstOrDefault().Value as string;

    /// <summary>
    /// The payload: the first parameter that is neither a header, the headers nor the token and whose
    /// type a routing-key handler takes as its message (<see cref="HandlerRules.IsPayloadParameter"/>),
    /// or null when the send carries none.
    /// </summary>
    public static IParameterSymbol? Payload(IMethodSymbol method) =>
        method.Parameters.FirstOrDefault(HandlerRules.IsPayloadParameter);

    /// <summary>Why the generator does not implement the method, or null when it does.</summary>
    public static BusinessMethodProblem? Check(IMethodSymbol method) =>
        InterfaceProblem(method) ?? MethodProblem(method) ?? CompletenessProblem(method.ContainingType);

    private static BusinessMethodProblem? InterfaceProblem(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type.TypeKind != TypeKind.Interface)
        {
            return new BusinessMethodProblem(BusinessMethodProblemKind.NotInInterface, method);
        }

        if (type.IsGenericType)
        {
            return new BusinessMethodProblem(BusinessMethodProblemKind.GenericInterface, type);
        }

        return Callability.Inaccessible(type) is { } access ? new BusinessMethodProblem(BusinessMethodProblemKind.InaccessibleInterface, type, access) : null;
    }

    private static BusinessMethodProblem? MethodProblem(IMethodSymbol method)
    {
        if (method.MethodKind != MethodKind.Ordinary)
        {
            return new BusinessMethodProblem(BusinessMethodProblemKind.NotOrdinary, method);
        }

        if (method.IsGenericMethod)
        {
            return new BusinessMethodProblem(BusinessMethodProblemKind.GenericMethod, method);
        }

        if (RoutingKey(method) is null)
        {
            return new BusinessMethodProblem(BusinessMethodProblemKind.NoRoutingKey, method);
        }

        var payload = Payload(method);
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Ordinal != payload?.Ordinal
                && HandlerRules.ClassifyParameter(parameter, isInterceptor: false, out _) is not (ParameterBinding.Header or ParameterBinding.CancellationToken or ParameterBinding.AllHeaders))
            {
                return new BusinessMethodProblem(BusinessMethodProblemKind.ExtraParameter, parameter);
            }
        }

        return null;
    }

    // The interface is implemented whole or not at all: one member the generator cannot implement
    // would leave the class incomplete.
    private static BusinessMethodProblem? CompletenessProblem(INamedTypeSymbol type)
    {
        var members = type.GetMembers().Concat(type.AllInterfaces.SelectMany(i => i.GetMembers()));
        var blocking = members.FirstOrDefault(m => m.IsAbstract && !m.IsStatic && (m is not IMethodSymbol sibling || MethodProblem(sibling) is not null));
        return blocking is null ? null : new BusinessMethodProblem(BusinessMethodProblemKind.IncompleteInterface, blocking);
    }
}
