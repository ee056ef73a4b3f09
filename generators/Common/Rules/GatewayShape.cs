using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>Estuary's bus interfaces, which gateways derive from and bus pointcuts name.</summary>
internal static class BusTypes
{
    public static bool IsBusName(string metadataName) => metadataName is KnownNames.CommandBus or KnownNames.QueryBus or KnownNames.EventBus;

    public static bool IsBusType(ITypeSymbol type) => IsBusName(HandlerRules.MetadataName(type));

    /// <summary>Whether the type is a bus interface or derives from one: a pointcut naming it selects gateways.</summary>
    public static bool IsBus(ITypeSymbol type) =>
        type.TypeKind == TypeKind.Interface && (IsBusType(type) || type.AllInterfaces.Any(IsBusType));

    /// <summary>The bus interfaces the type derives from.</summary>
    public static IEnumerable<INamedTypeSymbol> BusesOf(ITypeSymbol type) => type.AllInterfaces.Where(IsBusType);
}

/// <summary>Why the generator gives a gateway interface no implementation.</summary>
internal enum GatewayProblemKind
{
    /// <summary>A generic interface: the generator cannot choose type arguments.</summary>
    Generic,

    /// <summary>Generated code cannot name the interface; <see cref="GatewayProblem.Access"/> says why.</summary>
    Inaccessible,

    /// <summary>It (or a non-bus base) declares a member the bus base class does not provide.</summary>
    OwnMember,
}

/// <summary>One reason a gateway is not generated, with the member it is about (for <see cref="GatewayProblemKind.OwnMember"/>).</summary>
internal sealed record GatewayProblem(GatewayProblemKind Kind, CallProblem? Access = null, ISymbol? Member = null);

/// <summary>
/// Which interfaces deriving from a bus interface get a generated implementation. The generator
/// skips the others; the analyzers report why.
/// </summary>
internal static class GatewayShape
{
    /// <summary>Whether the interface derives from ICommandBus, IQueryBus or IEventBus (without being one).</summary>
    public static bool DerivesFromBus(INamedTypeSymbol type) =>
        type.TypeKind == TypeKind.Interface && !BusTypes.IsBusType(type) && BusTypes.BusesOf(type).Any();

    public static bool IsGateway(INamedTypeSymbol type) => DerivesFromBus(type) && Check(type) is null;

    /// <summary>Why the generator skips a bus-derived interface, or null when it implements it.</summary>
    public static GatewayProblem? Check(INamedTypeSymbol type)
    {
        if (type.IsGenericType)
        {
            return new GatewayProblem(GatewayProblemKind.Generic);
        }

        if (Callability.Inaccessible(type) is { } access)
        {
            return new GatewayProblem(GatewayProblemKind.Inaccessible, Access: access);
        }

        // The generated class only implements what the bus base class provides.
        var member = type.GetMembers().FirstOrDefault()
            ?? type.AllInterfaces.Where(i => !BusTypes.IsBusType(i)).SelectMany(i => i.GetMembers()).FirstOrDefault();
        return member is null ? null : new GatewayProblem(GatewayProblemKind.OwnMember, Member: member);
    }
}
