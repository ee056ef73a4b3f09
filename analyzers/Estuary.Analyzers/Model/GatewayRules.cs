using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;

namespace Estuary.Analyzers;

/// <summary>GatewayParser's rules: which interfaces deriving from a bus get a generated implementation.</summary>
internal static class GatewayRules
{
    /// <summary>Whether the interface derives from ICommandBus, IQueryBus or IEventBus (without being one).</summary>
    public static bool DerivesFromBus(INamedTypeSymbol type) =>
        type.TypeKind == TypeKind.Interface && !InterceptorInfo.IsBusName(type) && type.AllInterfaces.Any(InterceptorInfo.IsBusName);

    public static bool IsGateway(INamedTypeSymbol type) => DerivesFromBus(type) && WhyNot(type) is null;

    /// <summary>Why the generator skips the gateway, or null when it implements it.</summary>
    public static string? WhyNot(INamedTypeSymbol type)
    {
        if (type.IsGenericType)
        {
            return "it is generic; declare a non-generic interface per gateway";
        }

        if (!HandlerRules.IsCallableFromAssembly(type))
        {
            return "it or a type containing it is private or protected; make it internal or public";
        }

        // The generated class only implements what the bus base class provides.
        var member = type.GetMembers().FirstOrDefault()
            ?? type.AllInterfaces.Where(i => !InterceptorInfo.IsBusName(i)).SelectMany(i => i.GetMembers()).FirstOrDefault();
        return member is null
            ? null
            : "it declares '" + member.Name + "'; a gateway only carries the bus's own members, so move '" + member.Name + "' to another interface (or implement the interface yourself and suppress this warning)";
    }
}
