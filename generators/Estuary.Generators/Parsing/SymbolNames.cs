using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Estuary.SourceGeneration;

/// <summary>Turns symbols into the strings models hold.</summary>
internal static class SymbolNames
{
    private static readonly SymbolDisplayFormat s_fullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary><c>global::Shop.Orders.PlaceOrder</c>, with nullable annotations kept.</summary>
    public static string Full(ITypeSymbol type) => type.ToDisplayString(s_fullyQualified);

    /// <summary>The full name without nullable annotations, for typeof() and type tests.</summary>
    public static string FullNonNullable(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    public static TypeRef Ref(INamedTypeSymbol type) => new(FullNonNullable(type), type.Name);

    public static string Namespace(ISymbol symbol) =>
        symbol.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty;

    /// <summary>The type, its base classes (without object) and all its interfaces, as full names.</summary>
    public static EquatableArray<string> Hierarchy(ITypeSymbol type, bool includeSelf)
    {
        var names = new List<string>();
        if (includeSelf)
        {
            names.Add(FullNonNullable(type));
        }

        for (var current = type.BaseType; current is not null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); current = current.BaseType)
        {
            names.Add(FullNonNullable(current));
        }

        names.AddRange(type.AllInterfaces.Select(FullNonNullable));
        return names.ToEquatableArray();
    }

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
            if (attribute.AttributeClass is { } c && HandlerRules.MetadataName(c) == KnownNames.MessageNameAttribute
                && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name)
            {
                return name;
            }
        }

        return FullNonNullable(type).Replace("global::", string.Empty);
    }

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
