using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Estuary.SourceGeneration;

/// <summary>
/// The names the generator's models hold. The analyzers compare symbols by these same strings, so
/// both sides agree on every edge (nullable annotations, constructed generics, nested types).
/// </summary>
internal static partial class SymbolNames
{
    private static readonly SymbolDisplayFormat s_fullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary><c>global::Shop.Orders.PlaceOrder</c>, with nullable annotations kept.</summary>
    public static string Full(ITypeSymbol type) => type.ToDisplayString(s_fullyQualified);

    // The name people and the wire see: no global::, no @ before keywords (type `@event` is "Shop.event").
    private static readonly SymbolDisplayFormat s_plain = SymbolDisplayFormat.FullyQualifiedFormat
        .WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted)
        .RemoveMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    /// <summary><c>Shop.Orders.PlaceOrder</c>: default message names, endpoint ids and stored event names.</summary>
    public static string Plain(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(s_plain);

    /// <summary>The full name without nullable annotations, for typeof() and type tests.</summary>
    public static string FullNonNullable(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

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

    /// <summary>The instance properties and fields marked [Sensitive] (on a positional record, [property: Sensitive] or on the parameter).</summary>
    public static EquatableArray<string> SensitiveMembers(ITypeSymbol type) =>
        !MayHaveMemberAttributes(type) ? EquatableArray<string>.Empty : AggregateShape.Readable(type)
            .Where(m => m.GetAttributes().Any(IsSensitive)
                || (m is IPropertySymbol property && property.ContainingType.InstanceConstructors.SelectMany(c => c.Parameters).Any(p => p.Name == property.Name && p.GetAttributes().Any(IsSensitive))))
            .Select(m => m.Name)
            .Distinct()
            .ToEquatableArray();

    /// <summary>
    /// Whether any declaration of the type or of its base classes puts an attribute on a member or a
    /// primary constructor parameter. Reading a type's members binds all of them, the costliest step
    /// per message (and it runs again after every edit); most messages have no such attribute, which
    /// the syntax tells without binding anything. Types from metadata are asked through their symbols.
    /// </summary>
    private static bool MayHaveMemberAttributes(ITypeSymbol type)
    {
        for (ITypeSymbol? current = type; current is not null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); current = current.BaseType)
        {
            if (current.DeclaringSyntaxReferences.IsEmpty)
            {
                return true;
            }

            foreach (var reference in current.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is not TypeDeclarationSyntax declaration
                    || declaration.Members.Any(static m => m.AttributeLists.Count > 0)
                    || (declaration.ParameterList?.Parameters.Any(static p => p.AttributeLists.Count > 0) ?? false))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsSensitive(AttributeData attribute) => KnownAttributes.Is(attribute, KnownNames.SensitiveAttribute);
}
