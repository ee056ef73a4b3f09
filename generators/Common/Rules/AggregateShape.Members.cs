using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>The members of an aggregate or saga that generated code reads and writes.</summary>
internal static partial class AggregateShape
{
    /// <summary>The aggregate's [Identifier] members, base types included, in declaration order.</summary>
    public static IReadOnlyList<ISymbol> Identifiers(ITypeSymbol aggregate) => Marked(aggregate, KnownNames.IdentifierAttribute).ToList();

    /// <summary>The aggregate's [AggregateEvents] method, base types included, if any.</summary>
    public static IMethodSymbol? EventsMethod(ITypeSymbol aggregate)
    {
        for (var type = aggregate; type is not null; type = type.BaseType)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol method && HasAttribute(method, KnownNames.AggregateEventsAttribute))
                {
                    return method;
                }
            }
        }

        return null;
    }

    /// <summary>An instance method without parameters, callable from generated code, returning a sequence.</summary>
    public static bool IsValidEventsMethod(IMethodSymbol method) =>
        !method.IsStatic && method.Parameters.Length == 0 && !method.IsGenericMethod
        && method.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal
        && (method.ReturnType.SpecialType == SpecialType.System_Collections_IEnumerable
            || method.ReturnType.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable));

    /// <summary>
    /// Whether values of <paramref name="type"/> have a text form that names one instance: strings,
    /// numbers, Guid, enums, dates, IFormattable types, and types with their own ToString (records).
    /// A class inheriting object's ToString would store every instance under its type name.
    /// </summary>
    public static bool HasStableText(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        if (type.SpecialType is >= SpecialType.System_Boolean and <= SpecialType.System_String || type.TypeKind == TypeKind.Enum)
        {
            return true;
        }

        if (type.TypeKind is TypeKind.Array or TypeKind.Interface or TypeKind.TypeParameter or TypeKind.Dynamic || type.SpecialType == SpecialType.System_Object)
        {
            return false;
        }

        if (type.AllInterfaces.Any(i => i.ToDisplayString() == "System.IFormattable"))
        {
            return true;
        }

        for (var current = type; current is not null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); current = current.BaseType)
        {
            if (current.GetMembers("ToString").OfType<IMethodSymbol>().Any(m => m.IsOverride && m.Parameters.Length == 0))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The [AggregateVersion] member, or null (a problem is added when it is not a settable long or int).</summary>
    public static VersionMemberModel? VersionMember(ITypeSymbol aggregate, List<AggregateProblem> problems)
    {
        var member = Marked(aggregate, KnownNames.AggregateVersionAttribute).FirstOrDefault();
        if (member is null)
        {
            return null;
        }

        var type = TypeOf(member).SpecialType;
        if (type is not (SpecialType.System_Int64 or SpecialType.System_Int32) || !Writable(member))
        {
            problems.Add(new AggregateProblem(AggregateProblemKind.InvalidVersionMember, member.Name));
            return null;
        }

        if (!Reachable(member))
        {
            problems.Add(new AggregateProblem(AggregateProblemKind.InaccessibleMember, member.Name));
            return null;
        }

        return new VersionMemberModel(member.Name, type == SpecialType.System_Int32);
    }

    /// <summary>A saga's [SagaCompleted] member, or null (a problem is added when it is not a readable bool, or not on a saga).</summary>
    public static string? CompletedMember(ITypeSymbol aggregate, List<AggregateProblem> problems)
    {
        var member = Marked(aggregate, KnownNames.SagaCompletedAttribute).FirstOrDefault();
        if (member is null)
        {
            return null;
        }

        if (TypeOf(member).SpecialType != SpecialType.System_Boolean || !IsSaga(aggregate))
        {
            problems.Add(new AggregateProblem(AggregateProblemKind.InvalidCompletedMember, member.Name));
            return null;
        }

        if (!Reachable(member))
        {
            problems.Add(new AggregateProblem(AggregateProblemKind.InaccessibleMember, member.Name));
            return null;
        }

        return member.Name;
    }

    /// <summary>The retries of [ConcurrencyRetry] on the handler, else on its class; 0 without.</summary>
    public static int ConcurrencyRetries(IMethodSymbol method)
    {
        var attribute = method.GetAttributes().Concat(method.ContainingType.GetAttributes())
            .FirstOrDefault(a => KnownAttributes.Is(a, KnownNames.ConcurrencyRetryAttribute));
        return attribute is { ConstructorArguments.Length: 1 } && attribute.ConstructorArguments[0].Value is int retries && retries > 0 ? retries : 0;
    }

    // Identifiers are read by generated code and turned into text: both must work.
    private static void CheckIdentifiers(IReadOnlyList<ISymbol> identifiers, List<AggregateProblem> problems)
    {
        foreach (var identifier in identifiers)
        {
            if (!Reachable(identifier))
            {
                problems.Add(new AggregateProblem(AggregateProblemKind.InaccessibleMember, identifier.Name));
            }
            else if (!HasStableText(TypeOf(identifier)))
            {
                problems.Add(new AggregateProblem(AggregateProblemKind.UnstableIdentifier, identifier.Name, TypeOf(identifier).ToDisplayString()));
            }
        }
    }

    // Generated code lives in the same assembly: public and internal members (and getters) are reachable.
    private static bool Reachable(ISymbol member) =>
        member.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal
        && (member is not IPropertySymbol property || property.GetMethod is { DeclaredAccessibility: Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal });

    private static bool Writable(ISymbol member) => member switch
    {
        IPropertySymbol property => property.SetMethod is { IsInitOnly: false, DeclaredAccessibility: Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal },
        IFieldSymbol field => !field.IsReadOnly && !field.IsConst,
        _ => false,
    };

    private static IEnumerable<ISymbol> Marked(ITypeSymbol aggregate, string attribute)
    {
        var chain = new List<ITypeSymbol>();
        for (var type = aggregate; type is not null; type = type.BaseType)
        {
            chain.Insert(0, type);
        }

        return chain.SelectMany(t => t.GetMembers())
            .Where(m => m is IPropertySymbol or IFieldSymbol && !m.IsStatic && HasAttribute(m, attribute));
    }

    private static bool HasAttribute(ISymbol symbol, string attribute) =>
        symbol.GetAttributes().Any(a => KnownAttributes.Is(a, attribute));
}
