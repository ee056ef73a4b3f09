using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Estuary.SourceGeneration;

/// <summary>Turns symbols into the strings models hold (the names shared with the analyzers are in Common).</summary>
internal static partial class SymbolNames
{
    public static TypeRef Ref(INamedTypeSymbol type) => new(FullNonNullable(type), type.Name);

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
            if (attribute.AttributeClass is { } c && HandlerRules.MetadataName(c) is KnownNames.MessageNameAttribute or KnownNames.NamedEventAttribute
                && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name)
            {
                return name;
            }
        }

        return FullNonNullable(type).Replace("global::", string.Empty);
    }

    /// <summary>The schema revision from [Revision], or 1.</summary>
    public static int Revision(ITypeSymbol type) =>
        type.GetAttributes().FirstOrDefault(a => a.AttributeClass is { } c && HandlerRules.MetadataName(c) == KnownNames.RevisionAttribute) is { ConstructorArguments.Length: 1 } attribute
            && attribute.ConstructorArguments[0].Value is int revision && revision > 1
            ? revision
            : 1;

    /// <summary>A C# expression recreating an attribute instance from its compile-time arguments.</summary>
    public static string CreationExpression(AttributeData attribute)
    {
        var arguments = string.Join(", ", attribute.ConstructorArguments.Select(Literal));
        var text = "new " + FullNonNullable(attribute.AttributeClass!) + "(" + arguments + ")";
        if (attribute.NamedArguments.Length > 0)
        {
            text += " { " + string.Join(", ", attribute.NamedArguments.Select(n => n.Key + " = " + Literal(n.Value))) + " }";
        }

        return text;
    }

    private static string Literal(TypedConstant constant)
    {
        if (constant.IsNull)
        {
            return "null";
        }

        return constant.Kind switch
        {
            TypedConstantKind.Type => "typeof(" + FullNonNullable((ITypeSymbol)constant.Value!) + ")",
            TypedConstantKind.Enum => "(" + FullNonNullable(constant.Type!) + ")(" + System.Convert.ToString(constant.Value, System.Globalization.CultureInfo.InvariantCulture) + ")",
            TypedConstantKind.Array => "new " + FullNonNullable(constant.Type!) + " { " + string.Join(", ", constant.Values.Select(Literal)) + " }",
            _ => constant.Value switch
            {
                string s => SymbolDisplay.FormatLiteral(s, quote: true),
                char c => SymbolDisplay.FormatLiteral(c, quote: true),
                bool b => b ? "true" : "false",
                _ => SymbolDisplay.FormatPrimitive(constant.Value!, quoteStrings: true, useHexadecimalNumbers: false) + Suffix(constant.Value),
            },
        };
    }

    private static string Suffix(object? value) => value switch
    {
        float => "f",
        double => "d",
        decimal => "m",
        long => "L",
        ulong => "UL",
        uint => "U",
        _ => string.Empty,
    };
}
