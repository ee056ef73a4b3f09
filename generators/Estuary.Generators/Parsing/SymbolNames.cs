using System.Linq;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>Turns symbols into the strings models hold (the names shared with the analyzers are in Common).</summary>
internal static partial class SymbolNames
{
    public static TypeRef Ref(INamedTypeSymbol type) => new(FullNonNullable(type), type.Name, Plain(type));

    /// <summary>Whether the type can appear in a public signature (it, its containers and type arguments are public).</summary>
    public static bool IsPublic(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return IsPublic(array.ElementType);
            case ITypeParameterSymbol:
                return false;
            case INamedTypeSymbol named:
                for (ISymbol? current = named; current is INamedTypeSymbol t; current = current.ContainingSymbol)
                {
                    if (t.DeclaredAccessibility != Accessibility.Public)
                    {
                        return false;
                    }
                }

                return named.TypeArguments.All(IsPublic);
            default:
                return true;
        }
    }

    /// <summary>The stable message name: [MessageName] if present, else the full type name.</summary>
    public static string MessageName(ITypeSymbol type)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (KnownAttributes.IsAny(attribute, KnownNames.MessageNameAttribute, KnownNames.NamedEventAttribute)
                && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name)
            {
                return name;
            }
        }

        return Plain(type);
    }

    /// <summary>The schema revision from [Revision], or 1.</summary>
    public static int Revision(ITypeSymbol type) =>
        type.GetAttributes().FirstOrDefault(a => KnownAttributes.Is(a, KnownNames.RevisionAttribute)) is { ConstructorArguments.Length: 1 } attribute
            && attribute.ConstructorArguments[0].Value is int revision && revision > 1
            ? revision
            : 1;

    /// <summary>A method as declared, for a generated class implementing it.</summary>
    public static DeclaredMethodModel Declared(IMethodSymbol method) => new()
    {
        ReturnType = method.ReturnsVoid ? "void" : Full(method.ReturnType),
        Name = method.Name,
        Parameters = method.Parameters.Select(p => new DeclaredParameterModel(Full(p.Type), p.Name)).ToEquatableArray(),
    };
}
